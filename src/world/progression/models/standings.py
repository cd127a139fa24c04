"""The ledgers of trait values and class levels: every change that neither development nor a
purchase explains (a character's starting values, staff corrections, the part of a refund no
development point covers) is a signed row here, so each value and level equals its ledgers.

A trait value is the sum of its development rows' `amount - banked` plus its
`TraitValueTransaction` rows; a class level is the number of its standing (not refunded)
class-level purchases plus its `ClassLevelTransaction` rows. `selectors.standings` checks both.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone

from world.classes.models import CharacterClassLevel
from world.traits.models import CharacterTraitValue

from ..types import ProgressionReason
from .written import record_written


class StandingTransaction(models.Model):
    amount = models.SmallIntegerField()  # signed: how far the value or level moved
    reason = models.CharField(max_length=20, choices=ProgressionReason.choices)
    description = models.TextField(blank=True)
    gm = models.ForeignKey(
        "accounts.AccountDB", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    transaction_date = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["-transaction_date", "-id"]


class TraitValueTransaction(StandingTransaction):
    character = models.ForeignKey(
        "objects.ObjectDB", on_delete=models.CASCADE, related_name="trait_value_transactions"
    )
    trait = models.ForeignKey("traits.Trait", on_delete=models.CASCADE, related_name="+")

    class Meta(StandingTransaction.Meta):
        constraints = [
            models.CheckConstraint(
                condition=~Q(amount=0), name="traitvaluetransaction_amount_not_zero"
            ),
        ]
        indexes = [
            models.Index(fields=["character", "trait"], name="traitvaluetx_character_trait"),
        ]

    def __str__(self) -> str:
        return f"{self.character} {self.trait} {self.amount:+d} ({self.get_reason_display()})"


class ClassLevelTransaction(StandingTransaction):
    character = models.ForeignKey(
        "objects.ObjectDB", on_delete=models.CASCADE, related_name="class_level_transactions"
    )
    character_class = models.ForeignKey(
        "classes.CharacterClass", on_delete=models.CASCADE, related_name="+"
    )

    class Meta(StandingTransaction.Meta):
        constraints = [
            models.CheckConstraint(
                condition=~Q(amount=0), name="classleveltransaction_amount_not_zero"
            ),
        ]
        indexes = [
            models.Index(
                fields=["character", "character_class"], name="classleveltx_character_class"
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.character} {self.character_class} {self.amount:+d} "
            f"({self.get_reason_display()})"
        )


def set_trait_value(character_id: int, trait_id: int, value: int) -> None:
    """Set one trait value, creating its row (the caller holds the character's lock and has
    written, or is rebuilding from, the ledger rows that explain it)."""
    CharacterTraitValue.objects.update_or_create(
        character_id=character_id, trait_id=trait_id, defaults={"value": value}
    )


def set_class_level(character_id: int, class_id: int, level: int) -> None:
    """Set one class level: 0 removes the class, a new class is primary when the character has
    no other (the caller holds the character's lock, as for `set_trait_value`)."""
    levels = CharacterClassLevel.objects.filter(character_id=character_id)
    if level <= 0:
        levels.filter(character_class_id=class_id).delete()
    elif not levels.filter(character_class_id=class_id).update(level=level):
        CharacterClassLevel.objects.create(
            character_id=character_id,
            character_class_id=class_id,
            level=level,
            is_primary=not levels.exists(),
        )


def post_trait_value_change(
    character_id: int, trait_id: int, amount: int, *, new_value: int, **fields
) -> TraitValueTransaction:
    """Set the trait to `new_value` (its old value + `amount`, read under the character's lock)
    and write the row that explains it."""
    set_trait_value(character_id, trait_id, new_value)
    row = TraitValueTransaction.objects.create(
        character_id=character_id, trait_id=trait_id, amount=amount, **fields
    )
    record_written(TraitValueTransaction, [row])
    return row


def post_class_level_change(
    character_id: int, class_id: int, amount: int, *, new_level: int, **fields
) -> ClassLevelTransaction:
    """Set the class to `new_level` (see `set_class_level`) and write the row that explains it."""
    set_class_level(character_id, class_id, new_level)
    row = ClassLevelTransaction.objects.create(
        character_id=character_id, character_class_id=class_id, amount=amount, **fields
    )
    record_written(ClassLevelTransaction, [row])
    return row


__all__ = [
    "ClassLevelTransaction",
    "TraitValueTransaction",
    "post_class_level_change",
    "post_trait_value_change",
    "set_class_level",
    "set_trait_value",
]
