"""Character XP, partitioned into locked (character-bound) and transferable pools."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from ..types import ProgressionReason


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
        from ..services.awards import award_character_xp

        transaction = award_character_xp(
            self.character, amount, transferable=self.transferable, **kwargs
        )
        self.refresh_from_db()
        return transaction

    def spend_xp(self, amount: int, **kwargs) -> bool:
        """Spend from this pool through the locked, audited path. False when short."""
        from ..exceptions import InsufficientXPError
        from ..services.xp import spend_character_xp

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
