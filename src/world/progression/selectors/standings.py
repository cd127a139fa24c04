"""Trait values and class levels against their ledgers (the audit's last two checks).

A trait value must equal the sum of `amount - banked` over its development rows plus its
`TraitValueTransaction` rows; a class level must equal the number of its standing class-level
purchases plus its `ClassLevelTransaction` rows (a purchase raises a level by exactly one, a
refund takes that one back). Each check is a few GROUP BYs, whatever the number of characters.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, F, Sum

from world.classes.models import CharacterClassLevel
from world.traits.models import CharacterTraitValue

from ..models import (
    CharacterUnlock,
    ClassLevelTransaction,
    DevelopmentTransaction,
    TraitValueTransaction,
)

TRAIT_VALUES = "trait values"
CLASS_LEVELS = "class levels"


@dataclass(frozen=True)
class Standing:
    """One kind of number the ledgers explain: its table, its key and value columns, and
    the ledgers' sums per key (each a queryset of key columns and `total`)."""

    name: str
    model: type
    key_fields: tuple[str, str]
    value_field: str

    def ledgers(self, only: dict | None):
        only = only or {}
        if self.model is CharacterTraitValue:
            return (
                DevelopmentTransaction.objects.filter(**only)
                .values(*self.key_fields)
                .annotate(total=Sum(F("amount") - F("banked"))),
                TraitValueTransaction.objects.filter(**only)
                .values(*self.key_fields)
                .annotate(total=Sum("amount")),
            )
        return (
            CharacterUnlock.objects.filter(
                character_class__isnull=False, refunded_date__isnull=True, **only
            )
            .values(*self.key_fields)
            .annotate(total=Count("pk")),
            ClassLevelTransaction.objects.filter(**only)
            .values(*self.key_fields)
            .annotate(total=Sum("amount")),
        )


STANDINGS = (
    Standing(TRAIT_VALUES, CharacterTraitValue, ("character_id", "trait_id"), "value"),
    Standing(CLASS_LEVELS, CharacterClassLevel, ("character_id", "character_class_id"), "level"),
)


def standing_expected(standing: Standing, only: dict | None = None) -> dict[tuple, int]:
    """{key: what the ledgers say the value is} for every key with ledger rows."""
    expected: dict[tuple, int] = defaultdict(int)
    for ledger in standing.ledgers(only):
        for row in ledger.order_by():
            expected[tuple(row[k] for k in standing.key_fields)] += row["total"] or 0
    return dict(expected)


def standing_mismatches(standing: Standing, only: dict | None = None) -> list[tuple]:
    """(key, current value or None when there is no row, what the ledgers say) for each
    value that differs from its ledgers."""
    expected = standing_expected(standing, only)
    rows = standing.model.objects.filter(**(only or {})).values_list(
        *standing.key_fields, standing.value_field
    )
    current = {row[:2]: row[2] for row in rows}
    found = []
    for key in set(current) | set(expected):
        have, should = current.get(key), expected.get(key, 0)
        if (have or 0) != should:
            found.append((key, have, should))
    return found


__all__ = [
    "CLASS_LEVELS",
    "STANDINGS",
    "TRAIT_VALUES",
    "Standing",
    "standing_expected",
    "standing_mismatches",
]
