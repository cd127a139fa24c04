"""The weekly XP rules, pure functions: ISO weeks and what votes and scenes are worth."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta

from world.progression.rules.weeks import week_of

WEEK_FORMAT = re.compile(r"(\d{4})-W(\d{2})")


def week_bounds(week: str) -> tuple[datetime, datetime]:
    """(start, end) of ISO week "YYYY-Www" in UTC, end excluded; ValueError if no such week."""
    match = WEEK_FORMAT.fullmatch(week or "")
    if not match:
        raise ValueError(week)
    year, number = int(match[1]), int(match[2])
    monday = date.fromisocalendar(year, number, 1)  # ValueError for week 0 or 54 of a 52-week year
    start = datetime.combine(monday, time.min, tzinfo=UTC)
    return start, start + timedelta(days=7)


def previous_week(moment: datetime) -> str:
    return week_of(moment - timedelta(days=7))


def vote_xp(votes: int, xp_by_vote: Sequence[int]) -> int:
    """XP for `votes` votes received in a week: the n-th vote is worth xp_by_vote[n-1], and
    votes past the end of the list are worth nothing, so a popular player gains less with each
    vote and cannot be voted rich."""
    return sum(xp_by_vote[: max(0, votes)])


def scene_xp(scenes: int, per_scene: int, cap: int) -> int:
    """The participation bonus: `per_scene` for each finished scene, at most `cap` a week."""
    return min(max(0, scenes) * per_scene, cap)
