"""Account XP: the balance and its append-only ledger."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from ..types import ProgressionReason


class ExperiencePointsData(models.Model):
    account = models.OneToOneField(
        "accounts.AccountDB",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="experience_points",
    )
    total_earned = models.PositiveIntegerField(default=0)
    total_spent = models.PositiveIntegerField(default=0)
    created_date = models.DateTimeField(default=timezone.now)
    updated_date = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "account XP"
        verbose_name_plural = "account XP"
        constraints = [
            models.CheckConstraint(
                condition=Q(total_earned__gte=0) & Q(total_spent__gte=0),
                name="accountxp_totals_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(total_spent__lte=F("total_earned")),
                name="accountxp_cannot_spend_more_than_earned",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.account}: {self.current_available} XP"

    @property
    def current_available(self) -> int:
        return self.total_earned - self.total_spent

    def can_spend(self, amount: int) -> bool:
        return 0 < amount <= self.current_available

    def award_xp(self, amount: int, **kwargs) -> XPTransaction:
        """Award XP through the locked, audited path; refreshes this instance."""
        from ..services.awards import award_xp

        transaction = award_xp(self.account, amount, **kwargs)
        self.refresh_from_db()
        return transaction

    def spend_xp(self, amount: int, **kwargs) -> bool:
        """Spend XP through the locked, audited path. False, with nothing changed, when short."""
        from ..exceptions import InsufficientXPError
        from ..services.xp import spend_account_xp

        try:
            spend_account_xp(self.account, amount, **kwargs)
        except InsufficientXPError:
            self.refresh_from_db()
            return False
        self.refresh_from_db()
        return True


class XPTransaction(models.Model):
    """One change to an account's XP. Positive amounts add, negative amounts take.

    How a row moves the balance is fixed by `balance_effect` in services/ledger.py.
    """

    account = models.ForeignKey(
        "accounts.AccountDB", on_delete=models.CASCADE, related_name="xp_transactions"
    )
    amount = models.IntegerField()
    reason = models.CharField(max_length=20, choices=ProgressionReason.choices)
    description = models.TextField(blank=True)
    character = models.ForeignKey(
        "objects.ObjectDB", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    gm = models.ForeignKey(
        "accounts.AccountDB", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kudos_transaction = models.OneToOneField(
        "progression.KudosTransaction",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="xp_transaction",
    )
    idempotency_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    transaction_date = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "XP transaction"
        ordering = ["-transaction_date", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(amount=0), name="xptransaction_amount_not_zero"),
        ]
        indexes = [
            models.Index(
                fields=["account", "-transaction_date", "-id"], name="xptx_account_newest_first"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.account} {self.amount:+d} XP ({self.get_reason_display()})"
