"""Achievements as players and staff read them: every achievement the game defines with where a
character stands on it, the achievement a typed name means, and the audit's check that each
completed achievement is explained by its ledger (earned in play or granted, not revoked)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Max, Sum
from evennia.contrib.game_systems.achievements.achievements import (
    all_achievements,
    search_achievement,
)
from evennia.utils.utils import make_iter

from ..models.achievements import AchievementTransaction, progress_of, read_progress
from ..rules.achievements import PLAY_EVENTS, AchievementStatus, achievement_status


def achievement_statuses(progress: Mapping) -> list[AchievementStatus]:
    """Where a character whose contrib progress is `progress` stands on every achievement: the
    play achievements first, by event and then by how much each asks, then the story ones."""
    every = all_achievements()
    return [
        achievement_status(key, every[key], progress)
        for key in sorted(every, key=lambda key: _place(key, every[key]))
    ]


_EVENT_ORDER = {event.category: place for place, event in enumerate(PLAY_EVENTS)}


def _place(key: str, definition: Mapping) -> tuple:
    category = next(iter(make_iter(definition.get("category") or [""])), "")
    return (
        _EVENT_ORDER.get(category, len(_EVENT_ORDER)),
        category,
        definition.get("count", 1) or 1,
        definition.get("name", key),
    )


@dataclass(frozen=True)
class AchievementLine:
    status: AchievementStatus
    earned_on: datetime | None  # when it was last earned or granted, while it is completed


def character_achievements(character) -> list[AchievementLine]:
    """Every achievement with where `character` stands on it and, for the completed ones, when
    they were earned: the progress through the contrib's cached attribute, the dates in one
    query."""
    earned = earned_dates([character.pk])
    return [
        AchievementLine(
            status=status,
            earned_on=earned.get((character.pk, status.key)) if status.completed else None,
        )
        for status in achievement_statuses(read_progress(character))
    ]


def earned_dates(character_ids: Iterable[int]) -> dict[tuple[int, str], datetime]:
    """{(character id, achievement key): when it was last earned or granted}, one query."""
    rows = (
        AchievementTransaction.objects.filter(character_id__in=set(character_ids), amount__gt=0)
        .order_by()
        .values_list("character_id", "achievement_key")
        .annotate(last=Max("transaction_date"))
    )
    return {(character_id, key): last for character_id, key, last in rows}


def achievements_named(text: str) -> dict[str, dict]:
    """The achievements `text` names: the one whose key or name it is (any case), else those
    whose names (or, failing that, descriptions) the contrib's `search_achievement` matches."""
    wanted = " ".join((text or "").split()).lower()
    if not wanted:
        return {}
    every = all_achievements()
    for key, definition in every.items():
        if wanted in (key, definition.get("name", "").lower()):
            return {key: definition}
    return search_achievement(wanted)


# --- The audit ---------------------------------------------------------------------------------

ACHIEVEMENTS = "achievements"


def completion_ledger(character_ids: Iterable[int] | None = None) -> dict[tuple[int, str], int]:
    """{(character id, achievement key): the net of its ledger rows}, one GROUP BY: 1 while it
    stands earned or granted, 0 once revoked."""
    rows = AchievementTransaction.objects.order_by()
    if character_ids is not None:
        rows = rows.filter(character_id__in=set(character_ids))
    return {
        (character_id, key): net
        for character_id, key, net in rows.values("character_id", "achievement_key")
        .annotate(net=Sum("amount"))
        .values_list("character_id", "achievement_key", "net")
    }


def achievement_mismatches() -> list[tuple[int, str, bool, bool]]:
    """(character id, achievement key, completed in the contrib's progress, completed by the
    ledger) for each achievement where the two differ: completed with no row earning or
    granting it (or after its revocation), or earned in the ledger yet not completed. Two
    queries, whatever the number of characters."""
    ledger = completion_ledger()
    progress = progress_of()
    completed = {
        (character_id, key)
        for character_id, data in progress.items()
        for key, entry in data.items()
        if isinstance(entry, Mapping) and entry.get("completed")
    }
    explained = {pair for pair, net in ledger.items() if net > 0}
    return sorted((*pair, pair in completed, pair in explained) for pair in completed ^ explained)


__all__ = [
    "ACHIEVEMENTS",
    "AchievementLine",
    "achievement_mismatches",
    "achievement_statuses",
    "achievements_named",
    "character_achievements",
    "completion_ledger",
    "earned_dates",
]
