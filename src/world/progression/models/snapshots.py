"""What requirement checks need to know about one character, read in a fixed number of queries.

A storage read shared by the requirement models' own `is_met_by_character` and the selectors.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models.functions import Lower
from evennia.contrib.game_systems.achievements.achievements import get_achievement_progress
from evennia.objects.models import ObjectDB

from world.classes.models import CharacterClassLevel
from world.relationships.models import CharacterRelationship
from world.traits.models import CharacterTraitValue

from ..rules.ratings import tier_of_level
from .statements import Statement
from .unlocks import CharacterUnlock


@dataclass
class CharacterSnapshot:
    """What requirement checks need to know about one character, read in a fixed number of
    queries so a shop of any size checks every requirement without asking the database again."""

    character: object
    trait_values: dict[int, int] = field(default_factory=dict)
    class_levels: dict[int, int] = field(default_factory=dict)
    class_names: dict[int, str] = field(default_factory=dict)
    primary_classes: set[int] = field(default_factory=set)  # the character's primary class
    # What each standing purchase cost when it was bought: {(class id, level): XP paid}.
    bought_class_levels: dict[tuple[int, int], int] = field(default_factory=dict)
    bought_trait_ratings: dict[tuple[int, int], int] = field(default_factory=dict)
    relationships: dict[str, int] = field(default_factory=dict)
    known_characters: set[str] = field(default_factory=set)

    @property
    def highest_level(self) -> int:
        return max(self.class_levels.values(), default=0)

    @property
    def tier(self) -> int:
        """Tier 1 covers class levels 1-5, tier 2 levels 6-10; no class at all is tier 0."""
        return tier_of_level(self.highest_level)

    def has_achievement(self, key: str) -> bool:
        """True when the character completed the achievement `key` of Evennia's achievements
        contrib (its progress lives in one cached attribute: no query per requirement)."""
        return bool(get_achievement_progress(self.character, key).get("completed"))


def character_snapshot(character, *, relationship_targets: Iterable[str] = ()) -> CharacterSnapshot:
    """One character's snapshot (see `character_snapshots`)."""
    return character_snapshots([character], relationship_targets=relationship_targets)[character.pk]


def character_snapshots(
    characters: Iterable, *, relationship_targets: Iterable[str] = ()
) -> dict[int, CharacterSnapshot]:
    """{character pk: snapshot} for many characters in the same fixed number of queries as one:
    trait values, class levels, unbought unlocks and, when requirements look at relationships,
    the relationships and which of their targets exist."""
    snapshots = {character.pk: CharacterSnapshot(character=character) for character in characters}
    ids = sorted(snapshots)
    for character_id, trait_id, value in _TRAIT_VALUES.rows(characters=ids):
        snapshots[character_id].trait_values[trait_id] = value
    for character_id, class_id, name, level, primary in _CLASS_LEVELS.rows(characters=ids):
        snapshots[character_id].class_levels[class_id] = level
        snapshots[character_id].class_names[class_id] = name
        if primary:  # 0 or 1 on SQLite (`Statement` rows are not converted)
            snapshots[character_id].primary_classes.add(class_id)
    for character_id, class_id, level, trait_id, rating, paid in _BOUGHT.rows(characters=ids):
        if class_id is not None:
            snapshots[character_id].bought_class_levels[class_id, level] = paid
        else:
            snapshots[character_id].bought_trait_ratings[trait_id, rating] = paid
    add_relationships(snapshots, relationship_targets)
    return snapshots


def add_relationships(snapshots: dict[int, CharacterSnapshot], targets: Iterable[str]) -> None:
    """Fill in the snapshots' relationships and which of `targets` (character names the
    requirements look at) exist; no query when there are no targets."""
    targets = {target.lower() for target in targets}
    if not targets:
        return
    for source_id, key, level in CharacterRelationship.objects.filter(
        source_id__in=sorted(snapshots)
    ).values_list("source_id", "target__db_key", "level"):
        snapshots[source_id].relationships[key.lower()] = level
    known = set(
        ObjectDB.objects.annotate(lower_key=Lower("db_key"))
        .filter(lower_key__in=targets)
        .values_list("lower_key", flat=True)
    )
    for snapshot in snapshots.values():
        snapshot.known_characters = known


# The three reads every shop, quote and purchase makes, compiled once per number of characters
# (`statements.Statement`): their columns are ids, numbers, names and a flag read for its truth.
_TRAIT_VALUES = Statement(
    lambda *, characters: CharacterTraitValue.objects.filter(
        character_id__in=characters
    ).values_list("character_id", "trait_id", "value")
)
_CLASS_LEVELS = Statement(
    lambda *, characters: CharacterClassLevel.objects.filter(
        character_id__in=characters
    ).values_list(
        "character_id", "character_class_id", "character_class__name", "level", "is_primary"
    )
)
_BOUGHT = Statement(
    lambda *, characters: CharacterUnlock.objects.filter(
        character_id__in=characters, refunded_date__isnull=True
    ).values_list(
        "character_id",
        "character_class_id",
        "target_level",
        "trait_id",
        "target_rating",
        "xp_spent",
    )
)

__all__ = ["CharacterSnapshot", "add_relationships", "character_snapshot", "character_snapshots"]
