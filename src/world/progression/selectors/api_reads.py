"""Reads the progression API needs that no other face shares (yet)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from evennia.objects.models import ObjectDB

from world.classes.models import PathStage
from world.traits.models import CharacterTraitValue

from ..models import CharacterPathHistory, DevelopmentPoints, KudosPointsData
from .characters import owned_characters_with_pools
from .plans import goals_of

# The largest id a 64-bit primary key holds; a bigger number names nothing (and SQLite cannot
# even compare with it).
LARGEST_ID = 2**63 - 1


def kudos_balance(account) -> dict[str, int]:
    """{"total_earned", "total_claimed", "current_available"} of `account` (zeros if none)."""
    row = KudosPointsData.objects.filter(account_id=account.pk).first()
    earned, claimed = (row.total_earned, row.total_claimed) if row else (0, 0)
    return {"total_earned": earned, "total_claimed": claimed, "current_available": earned - claimed}


def character_by_id(pk: int):
    """The character (any Character typeclass) with this id, or None for no object or an object
    that is not a character."""
    from typeclasses.characters import Character

    if not 0 < pk <= LARGEST_ID:
        return None
    found = ObjectDB.objects.filter(pk=pk).first()
    if found is None or not found.is_typeclass(Character, exact=False):
        return None
    return found


@dataclass(frozen=True)
class CharacterSummary:
    """One of an account's characters as its list shows it."""

    character: object
    locked_xp: int  # the character's own pools (`with_character_xp`)
    transferable_xp: int
    paths: list[str]  # the paths it chose in stage order, as "Name (Stage)"
    goal: dict | None  # the unlock it saves for, with its total and what is saved


def owned_characters_with_xp(account) -> list[CharacterSummary]:
    """The characters `account` owns, by name, each with its own pools, paths and goal, in a
    fixed number of queries. Nothing is set on the characters themselves (Evennia shares one
    instance of each across threads)."""
    found = owned_characters_with_pools(account)
    characters = [row.character for row in found]
    paths: dict[int, list[str]] = {}
    for character_id, name, stage in (
        CharacterPathHistory.objects.filter(character_id__in=[c.pk for c in characters])
        .order_by("path__stage", "selected_at")
        .values_list("character_id", "path__name", "path__stage")
    ):
        paths.setdefault(character_id, []).append(f"{name} ({PathStage(stage).label})")
    goals = goals_of(characters, account=account)
    summaries = []
    for character, locked_xp, transferable_xp in found:
        plan = goals.get(character.pk)
        goal = (
            {
                "unlock": str(plan.target),
                "total_xp": plan.total_xp,
                "saved_xp": min(plan.saved_xp, plan.total_xp),
            }
            if plan is not None
            else None
        )
        summaries.append(
            CharacterSummary(
                character, locked_xp, transferable_xp, paths.get(character.pk, []), goal
            )
        )
    return summaries


def development_points_of(character):
    """The character's DevelopmentPoints rows by trait name, each with `current_value` (the
    trait's value now, or None), in one query."""
    current = CharacterTraitValue.objects.filter(
        character_id=character.pk, trait=OuterRef("trait")
    ).values("value")[:1]
    return (
        DevelopmentPoints.objects.filter(character_id=character.pk)
        .select_related("trait")
        .annotate(current_value=Subquery(current))
        .order_by("trait__name")
    )


__all__ = [
    "LARGEST_ID",
    "character_by_id",
    "development_points_of",
    "kudos_balance",
    "owned_characters_with_xp",
]
