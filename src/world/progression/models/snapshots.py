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
from .unlocks import CharacterUnlock


@dataclass
class CharacterSnapshot:
    """What requirement checks need to know about one character, read in a fixed number of
    queries so a shop of any size checks every requirement without asking the database again."""

    character: object
    trait_values: dict[int, int] = field(default_factory=dict)
    class_levels: dict[int, int] = field(default_factory=dict)
    class_names: dict[int, str] = field(default_factory=dict)
    bought_class_levels: set[tuple[int, int]] = field(default_factory=set)
    bought_trait_ratings: set[tuple[int, int]] = field(default_factory=set)
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
    snapshot = CharacterSnapshot(character=character)
    snapshot.trait_values = dict(
        CharacterTraitValue.objects.filter(character_id=character.pk).values_list(
            "trait_id", "value"
        )
    )
    for class_id, name, level in CharacterClassLevel.objects.filter(
        character_id=character.pk
    ).values_list("character_class_id", "character_class__name", "level"):
        snapshot.class_levels[class_id] = level
        snapshot.class_names[class_id] = name
    for class_id, level, trait_id, rating in CharacterUnlock.objects.filter(
        character_id=character.pk, refunded_date__isnull=True
    ).values_list("character_class_id", "target_level", "trait_id", "target_rating"):
        if class_id is not None:
            snapshot.bought_class_levels.add((class_id, level))
        else:
            snapshot.bought_trait_ratings.add((trait_id, rating))
    targets = {target.lower() for target in relationship_targets}
    if targets:
        snapshot.relationships = {
            key.lower(): level
            for key, level in CharacterRelationship.objects.filter(
                source_id=character.pk
            ).values_list("target__db_key", "level")
        }
        snapshot.known_characters = set(
            ObjectDB.objects.annotate(lower_key=Lower("db_key"))
            .filter(lower_key__in=targets)
            .values_list("lower_key", flat=True)
        )
    return snapshot


__all__ = ["CharacterSnapshot", "character_snapshot"]
