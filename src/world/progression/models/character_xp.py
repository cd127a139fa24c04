"""Character XP, partitioned into locked (character-bound) and transferable pools."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from ..conf import progression_settings
from ..exceptions import InsufficientXPError
from ..rules.amounts import BALANCE_LIMIT, require_amount
from ..rules.ledger import balance_effect
from ..types import ProgressionReason
from .ledger import Pool, Posting, post


class CharacterXP(models.Model):
    character = models.ForeignKey(
        "objects.ObjectDB", on_delete=models.CASCADE, related_name="character_xp"
    )
    transferable = models.BooleanField(default=True)
    total_earned = models.PositiveIntegerField(default=0)
    total_spent = models.PositiveIntegerField(default=0)
    created_date = models.DateTimeField(default=timezone.now)
    updated_date = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "character XP"
        verbose_name_plural = "character XP"
        constraints = [
            models.UniqueConstraint(
                fields=["character", "transferable"], name="characterxp_one_pool_per_kind"
            ),
            models.CheckConstraint(
                condition=Q(total_earned__gte=0) & Q(total_spent__gte=0),
                name="characterxp_totals_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(total_spent__lte=F("total_earned")),
                name="characterxp_cannot_spend_more_than_earned",
            ),
            models.CheckConstraint(
                condition=Q(total_earned__lte=BALANCE_LIMIT),
                name="characterxp_earned_within_balance_limit",
            ),
        ]

    def __str__(self) -> str:
        kind = "transferable" if self.transferable else "locked"
        return f"{self.character}: {self.current_available} {kind} XP"

    @property
    def current_available(self) -> int:
        return self.total_earned - self.total_spent

    def can_spend(self, amount: int) -> bool:
        return 0 < amount <= self.current_available

    def award_xp(self, amount: int, **kwargs) -> CharacterXPTransaction:
        """Award XP to this pool through the locked, audited path; refreshes this instance."""
        kwargs.setdefault("transferable", self.transferable)
        transaction = award_character_xp(self.character, amount, **kwargs)
        self.refresh_from_db()
        return transaction

    def spend_xp(self, amount: int, **kwargs) -> bool:
        """Spend from this pool through the locked, audited path. False when short."""
        try:
            spend_character_xp(self.character, amount, transferable=self.transferable, **kwargs)
        except InsufficientXPError:
            self.refresh_from_db()
            return False
        self.refresh_from_db()
        return True


class CharacterXPTransaction(models.Model):
    character = models.ForeignKey(
        "objects.ObjectDB", on_delete=models.CASCADE, related_name="character_xp_transactions"
    )
    amount = models.IntegerField()
    reason = models.CharField(max_length=20, choices=ProgressionReason.choices)
    description = models.TextField(blank=True)
    transferable = models.BooleanField(default=True)
    gm = models.ForeignKey(
        "accounts.AccountDB", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The purchase this row paid for (XP_PURCHASE) or gave back (REFUND).
    unlock = models.ForeignKey(
        "progression.CharacterUnlock",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="character_xp_parts",
    )
    idempotency_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    transaction_date = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "character XP transaction"
        ordering = ["-transaction_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(amount=0), name="characterxptransaction_amount_not_zero"
            ),
            # Creation points convert once per character: the database refuses a second time.
            models.UniqueConstraint(
                fields=["character"],
                condition=Q(reason=ProgressionReason.CG_CONVERSION),
                name="characterxp_cg_conversion_once",
            ),
        ]
        indexes = [
            models.Index(
                fields=["character", "-transaction_date", "-id"], name="charxptx_char_newest_first"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.character} {self.amount:+d} XP ({self.get_reason_display()})"


def character_pool(character, *, transferable: bool) -> Pool:
    return Pool(CharacterXP, {"character_id": character.pk, "transferable": transferable})


def post_character_xp(
    character,
    amount: int,
    *,
    transferable: bool,
    reason: str,
    description: str = "",
    gm=None,
    unlock=None,
    idempotency_key: str | None = None,
) -> Posting:
    """Post a signed `amount` to one of the character's XP pools with its ledger row."""
    earned, spent = balance_effect(reason, amount)
    return post(
        character_pool(character, transferable=transferable),
        CharacterXPTransaction,
        earned_delta=earned,
        spent_delta=spent,
        ledger_fields={
            "character": character,
            "amount": amount,
            "reason": reason,
            "description": description,
            "transferable": transferable,
            "gm": gm,
            "unlock": unlock,
        },
        idempotency_key=idempotency_key,
    )


def award_character_xp(
    character,
    amount: int,
    *,
    transferable: bool = True,
    reason: str = ProgressionReason.SYSTEM_AWARD,
    description: str = "",
    gm=None,
    idempotency_key: str | None = None,
) -> CharacterXPTransaction:
    """Add `amount` XP (up to PROGRESSION_MAX_XP_AWARD) to one of the character's pools."""
    require_amount(amount, maximum=progression_settings.MAX_XP_AWARD, what="An XP award")
    return post_character_xp(
        character,
        amount,
        transferable=transferable,
        reason=reason,
        description=description,
        gm=gm,
        idempotency_key=idempotency_key,
    ).transaction


def spend_character_xp(
    character,
    amount: int,
    *,
    transferable: bool,
    reason: str = ProgressionReason.XP_PURCHASE,
    description: str = "",
    gm=None,
    idempotency_key: str | None = None,
) -> CharacterXPTransaction:
    """Take `amount` from one character XP pool; InsufficientXPError and no change when short."""
    require_amount(amount, maximum=BALANCE_LIMIT, what="An XP spend")
    return post_character_xp(
        character,
        -amount,
        transferable=transferable,
        reason=reason,
        description=description,
        gm=gm,
        idempotency_key=idempotency_key,
    ).transaction
