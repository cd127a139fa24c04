"""ISO weeks, the period the game's weekly limits and payouts count in."""

from __future__ import annotations

from datetime import date, datetime


def week_of(moment: datetime | date) -> str:
    """The ISO week `moment` falls in, as "YYYY-Www"."""
    year, week, _ = moment.isocalendar()
    return f"{year}-W{week:02d}"


__all__ = ["week_of"]
