"""The weekly XP rules, pure functions: ISO weeks and what votes, scenes and new partners are
worth."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from itertools import combinations

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


def new_partners(
    this_week: Mapping[int, Mapping[str, int]], before: Iterable[Collection[str]]
) -> dict[int, int]:
    """{account pk: players it shared a scene with this week and in none of `before`}.

    `this_week` maps each scene credited this week to its players ({player: the account
    credited for them}); `before` holds the players of each scene credited in the weeks looked
    back over. A player is who the alt rule says (one player's accounts are one), so an alt is
    never a new partner, and a pair counts once a week however many scenes it shared: on each
    side, for the account credited in the first of them (the lowest scene pk)."""
    met = {frozenset(pair) for players in before for pair in combinations(set(players), 2)}
    counted: set[tuple[str, str]] = set()
    found: dict[int, int] = {}
    for scene in sorted(this_week):
        players = this_week[scene]
        for player, account in sorted(players.items()):
            for partner in sorted(players):
                pair = (player, partner)
                if partner == player or pair in counted or frozenset(pair) in met:
                    continue
                counted.add(pair)
                found[account] = found.get(account, 0) + 1
    return found


def new_partner_xp(partners: int, per_partner: int, cap: int) -> int:
    """The new-partner bonus: `per_partner` for each new partner, for at most `cap` of them."""
    return min(max(0, partners), max(0, cap)) * per_partner


def next_run(now: datetime, *, within: float, warning: float) -> tuple[float, float] | None:
    """(seconds until the warning, seconds until the run) when the week ends within `within`
    seconds of `now` (the run is at the week's end, the warning `warning` seconds before it, or
    at once when that moment has passed); None when it ends later."""
    end = week_bounds(week_of(now))[1]
    until_run = (end - now).total_seconds()
    if until_run > within:
        return None
    return max(0.0, until_run - warning), until_run


__all__ = [
    "new_partner_xp",
    "new_partners",
    "next_run",
    "previous_week",
    "scene_xp",
    "vote_xp",
    "week_bounds",
    "week_of",
]
