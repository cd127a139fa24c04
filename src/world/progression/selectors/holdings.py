"""What a character holds (its class levels and trait ratings, however it got them), and what
one purchase drew from each pool and released from the bank, read back from its ledger rows."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Sum

from world.classes.models import CharacterClassLevel
from world.traits.models import CharacterTraitValue

from ..models import CharacterXPTransaction, DevelopmentTransaction, XPTransaction
from ..rules.unlocks import ACCOUNT, LOCKED, POOL_ORDER, TRANSFERABLE
from ..types import ProgressionReason


@dataclass(frozen=True)
class Holdings:
    """(name, level) of each class and (name, internal value) of each trait above 0, by name."""

    class_levels: list[tuple[str, int]]
    ratings: list[tuple[str, int]]


def class_levels_held(character) -> list[tuple[str, int]]:
    """(class name, level) of every class `character` has, by name, however it got it."""
    return list(
        CharacterClassLevel.objects.filter(character_id=character.pk)
        .order_by("character_class__name")
        .values_list("character_class__name", "level")
    )


def holdings(character) -> Holdings:
    """Every class level and trait rating `character` holds, whether bought, given at character
    creation or seeded (the shop's purchases are only the first of these). Two queries."""
    ratings = (
        CharacterTraitValue.objects.filter(character_id=character.pk, value__gt=0)
        .order_by("trait__name")
        .values_list("trait__name", "value")
    )
    return Holdings(class_levels=class_levels_held(character), ratings=list(ratings))


@dataclass(frozen=True)
class PurchaseReceipt:
    """What a purchase took from each pool (in the order it draws, parts drawn only), the banked
    development it released, and the trait's value now (None for a class level)."""

    drawn: dict[str, int] = field(default_factory=dict)
    released: int = 0
    trait_value: int | None = None


def purchase_receipt(record) -> PurchaseReceipt:
    """Read `record`'s own ledger rows (a CharacterUnlock): the XP_PURCHASE rows naming it in
    the account and character XP ledgers, and the development row that released its bank."""
    purchase = {"unlock_id": record.pk, "reason": ProgressionReason.XP_PURCHASE}
    drawn = dict.fromkeys(POOL_ORDER, 0)
    drawn[ACCOUNT] = -(
        XPTransaction.objects.filter(**purchase).aggregate(s=Sum("amount"))["s"] or 0
    )
    for transferable, amount in (
        CharacterXPTransaction.objects.filter(**purchase)
        .order_by()
        .values_list("transferable")
        .annotate(s=Sum("amount"))
    ):
        drawn[TRANSFERABLE if transferable else LOCKED] -= amount
    if record.trait_id is None:
        return PurchaseReceipt(drawn={pool: xp for pool, xp in drawn.items() if xp})
    # The release row has no column naming the purchase: it is the purchase's own row by its
    # wording (models.development.move_banked_points), written after the record.
    released = (
        DevelopmentTransaction.objects.filter(
            character_id=record.character_id,
            trait_id=record.trait_id,
            reason=ProgressionReason.XP_PURCHASE,
            banked__lt=0,
            description=f"Released by {record}",
            transaction_date__gte=record.unlocked_date,
        )
        .order_by("transaction_date", "pk")
        .values_list("banked", flat=True)
        .first()
    )
    value = (
        CharacterTraitValue.objects.filter(
            character_id=record.character_id, trait_id=record.trait_id
        )
        .values_list("value", flat=True)
        .first()
    )
    return PurchaseReceipt(
        drawn={pool: xp for pool, xp in drawn.items() if xp},
        released=-(released or 0),
        trait_value=value or 0,
    )


__all__ = [
    "Holdings",
    "PurchaseReceipt",
    "class_levels_held",
    "holdings",
    "purchase_receipt",
]
