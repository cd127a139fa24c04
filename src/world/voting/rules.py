"""The weekly XP rules, pure functions: ISO weeks and what votes and scenes are worth."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

# One reading of a week's name for the whole game, kept with the progression rules.
from world.progression.rules.weeks import week_bounds, week_of


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


def next_run(now: datetime, *, within: float, warning: float) -> tuple[float, float] | None:
    """(seconds until the warning, seconds until the run) when the week ends within `within`
    seconds of `now` (the run is at the week's end, the warning `warning` seconds before it, or
    at once when that moment has passed); None when it ends later."""
    end = week_bounds(week_of(now))[1]
    until_run = (end - now).total_seconds()
    if until_run > within:
        return None
    return max(0.0, until_run - warning), until_run


__all__ = ["next_run", "previous_week", "scene_xp", "vote_xp", "week_bounds", "week_of"]
