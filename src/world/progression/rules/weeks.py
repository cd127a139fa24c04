"""ISO weeks, the period the game's weekly limits and payouts count in, and the one reading of a
week's name ("YYYY-Www") every face and service uses."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

# The years a week name may name: every week of them, and the week after, is a date Python
# holds (9999-W52 ends in year 10000), and no game ran before 1900. The same span as the
# economy report's dates.
FIRST_YEAR, LAST_YEAR = 1900, 9998

# ASCII digits only: `\d` and int() also read full-width and other scripts' digits, so
# a full-width "2026-W49" named week 2026-W49 while its payment key did not match the week's.
_WEEK_NAME = re.compile(r"([0-9]{4})-W([0-9]{2})")


def week_of(moment: datetime | date) -> str:
    """The ISO week `moment` falls in, as "YYYY-Www"."""
    year, week, _ = moment.isocalendar()
    return f"{year}-W{week:02d}"


def week_bounds(week: str) -> tuple[datetime, datetime]:
    """(start, end) of ISO week "YYYY-Www" in UTC, end excluded.

    ValueError, with a one-line message, unless `week` is exactly an ASCII "YYYY-Www" naming a
    week that exists (W53 only in years that have one) of a year from FIRST_YEAR to LAST_YEAR.
    Whatever it accepts is what `week_of` writes for that week.
    """
    match = _WEEK_NAME.fullmatch(week) if isinstance(week, str) else None
    if match is None or not FIRST_YEAR <= int(match[1]) <= LAST_YEAR:
        raise ValueError(_not_a_week(week))
    try:
        monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:  # week 0, or week 53 of a 52-week year
        raise ValueError(_not_a_week(week)) from None
    start = datetime.combine(monday, time.min, tzinfo=UTC)
    return start, start + timedelta(days=7)


def _not_a_week(week) -> str:
    shown = ascii(week if isinstance(week, str) else "")[1:-1][:20]
    return (
        f"'{shown}' is not a week: write it as YYYY-Www, e.g. 2026-W47, "
        f"with a year from {FIRST_YEAR} to {LAST_YEAR}."
    )


__all__ = ["FIRST_YEAR", "LAST_YEAR", "week_bounds", "week_of"]
