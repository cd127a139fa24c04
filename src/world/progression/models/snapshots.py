"""What requirement checks need to know about one character, read in a fixed number of queries.

A storage read shared by the requirement models' own `is_met_by_character` and the selectors.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import CharField, IntegerField, Value
from django.db.models.functions import Cast, Lower
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
    for kind, character_id, first, second, third, fourth, paid, name in _HELD.rows(characters=ids):
        snapshot = snapshots[character_id]
        if kind == _TRAIT_VALUE:
            snapshot.trait_values[first] = second
        elif kind == _CLASS_LEVEL:
            snapshot.class_levels[first] = second
            snapshot.class_names[first] = name
            if third:  # is_primary: 0 or 1 (`Statement` rows are not converted)
                snapshot.primary_classes.add(first)
        elif first is not None:  # a class level bought
            snapshot.bought_class_levels[first, second] = paid
        else:  # a trait rating bought
            snapshot.bought_trait_ratings[third, fourth] = paid
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


# What every shop, quote, purchase and sheet reads about its characters: trait values, class
# levels (with the class's name) and standing purchases, in one UNION ALL compiled once per
# number of characters (`statements.Statement`), a round trip instead of three. Each part is
# (kind, character, four integers, the price paid, a name); the columns a kind has no use for
# are NULL.
_TRAIT_VALUE, _CLASS_LEVEL, _BOUGHT = range(3)


def _nothing(field=None):
    return Cast(Value(None), output_field=field or IntegerField())


def _held_query(*, characters):
    trait_values = CharacterTraitValue.objects.filter(character_id__in=characters).values_list(
        Value(_TRAIT_VALUE),
        "character_id",
        "trait_id",
        "value",
        _nothing(),
        _nothing(),
        _nothing(),
        _nothing(CharField()),
    )
    class_levels = CharacterClassLevel.objects.filter(character_id__in=characters).values_list(
        Value(_CLASS_LEVEL),
        "character_id",
        "character_class_id",
        "level",
        Cast("is_primary", output_field=IntegerField()),
        _nothing(),
        _nothing(),
        "character_class__name",
    )
    bought = CharacterUnlock.objects.filter(
        character_id__in=characters, refunded_date__isnull=True
    ).values_list(
        Value(_BOUGHT),
        "character_id",
        "character_class_id",
        "target_level",
        "trait_id",
        "target_rating",
        "xp_spent",
        _nothing(CharField()),
    )
    # The models' default orders are not allowed in a part of a UNION.
    return trait_values.order_by().union(class_levels.order_by(), bought.order_by(), all=True)


_HELD = Statement(_held_query)

__all__ = ["CharacterSnapshot", "add_relationships", "character_snapshot", "character_snapshots"]
