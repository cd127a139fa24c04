"""Account XP: the balance and its append-only ledger."""

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
            models.CheckConstraint(
                condition=Q(total_earned__lte=BALANCE_LIMIT),
                name="accountxp_earned_within_balance_limit",
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
        transaction = award_account_xp(self.account, amount, **kwargs)
        self.refresh_from_db()
        return transaction

    def spend_xp(self, amount: int, **kwargs) -> bool:
        """Spend XP through the locked, audited path. False, with nothing changed, when short."""
        try:
            spend_account_xp(self.account, amount, **kwargs)
        except InsufficientXPError:
            self.refresh_from_db()
            return False
        self.refresh_from_db()
        return True


class XPTransaction(models.Model):
    """One change to an account's XP. Positive amounts add, negative amounts take.

    How a row moves the balance is fixed by `rules.ledger.balance_effect`.
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
    # The purchase this row paid for (XP_PURCHASE) or gave back (REFUND): how a refund finds
    # what each pool paid.
    unlock = models.ForeignKey(
        "progression.CharacterUnlock",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="account_xp_parts",
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


def account_pool(account) -> Pool:
    return Pool(ExperiencePointsData, {"account_id": account.pk})


def post_account_xp(
    account,
    amount: int,
    *,
    reason: str,
    description: str = "",
    character=None,
    gm=None,
    kudos_transaction=None,
    unlock=None,
    idempotency_key: str | None = None,
) -> Posting:
    """Post a signed `amount` of account XP (positive adds, negative takes) with its ledger row;
    `unlock` names the purchase a spend paid for or a refund gave back."""
    earned, spent = balance_effect(reason, amount)
    return post(
        account_pool(account),
        XPTransaction,
        earned_delta=earned,
        spent_delta=spent,
        ledger_fields={
            "account": account,
            "amount": amount,
            "reason": reason,
            "description": description,
            "character": character,
            "gm": gm,
            "kudos_transaction": kudos_transaction,
            "unlock": unlock,
        },
        idempotency_key=idempotency_key,
    )


def award_account_xp(
    account,
    amount: int,
    *,
    reason: str = ProgressionReason.SYSTEM_AWARD,
    description: str = "",
    character=None,
    gm=None,
    idempotency_key: str | None = None,
) -> XPTransaction:
    """Add `amount` XP (a positive whole number up to PROGRESSION_MAX_XP_AWARD) to the account."""
    require_amount(amount, maximum=progression_settings.MAX_XP_AWARD, what="An XP award")
    return post_account_xp(
        account,
        amount,
        reason=reason,
        description=description,
        character=character,
        gm=gm,
        idempotency_key=idempotency_key,
    ).transaction


def spend_account_xp(
    account,
    amount: int,
    *,
    reason: str = ProgressionReason.XP_PURCHASE,
    description: str = "",
    character=None,
    gm=None,
    idempotency_key: str | None = None,
) -> XPTransaction:
    """Take `amount` XP from the account; InsufficientXPError and no change when short."""
    require_amount(amount, maximum=BALANCE_LIMIT, what="An XP spend")
    return post_account_xp(
        account,
        -amount,
        reason=reason,
        description=description,
        character=character,
        gm=gm,
        idempotency_key=idempotency_key,
    ).transaction
