"""Kudos: the "good sport" currency players and staff award and players claim as rewards."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from evennia.utils.idmapper.models import SharedMemoryModel


class KudosSourceCategory(SharedMemoryModel):
    """Why kudos were awarded (staff-configurable)."""

    name = models.SlugField(max_length=50, unique=True)
    display_name = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    default_amount = models.PositiveIntegerField(default=1)
    is_active = models.BooleanField(default=True)
    staff_only = models.BooleanField(default=False)

    class Meta:
        verbose_name_plural = "kudos source categories"
        ordering = ["display_name"]

    def __str__(self) -> str:
        return self.display_name


class KudosClaimCategory(SharedMemoryModel):
    """What kudos can be converted into, at `kudos_cost` kudos per `reward_amount` reward."""

    name = models.SlugField(max_length=50, unique=True)
    display_name = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    kudos_cost = models.PositiveIntegerField(default=10)
    reward_amount = models.PositiveIntegerField(default=1)
    is_active = models.BooleanField(default=True)

    class Meta:
        verbose_name_plural = "kudos claim categories"
        ordering = ["display_name"]

    def __str__(self) -> str:
        return self.display_name

    def calculate_reward(self, kudos_amount: int) -> int:
        """Reward for `kudos_amount` kudos, in whole units only."""
        if self.kudos_cost <= 0 or self.reward_amount <= 0 or kudos_amount <= 0:
            return 0
        return (kudos_amount // self.kudos_cost) * self.reward_amount

    def calculate_kudos_needed(self, reward_amount: int) -> int:
        """Kudos needed for at least `reward_amount` reward, rounded up to whole units."""
        if self.kudos_cost <= 0 or self.reward_amount <= 0 or reward_amount <= 0:
            return 0
        units = -(-reward_amount // self.reward_amount)
        return units * self.kudos_cost


class KudosPointsData(models.Model):
    account = models.OneToOneField(
        "accounts.AccountDB", primary_key=True, on_delete=models.CASCADE, related_name="kudos"
    )
    total_earned = models.PositiveIntegerField(default=0)
    total_claimed = models.PositiveIntegerField(default=0)
    created_date = models.DateTimeField(default=timezone.now)
    updated_date = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "kudos balance"
        verbose_name_plural = "kudos balances"
        constraints = [
            models.CheckConstraint(
                condition=Q(total_earned__gte=0) & Q(total_claimed__gte=0),
                name="kudos_totals_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(total_claimed__lte=F("total_earned")),
                name="kudos_cannot_claim_more_than_earned",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.account}: {self.current_available} kudos"

    @property
    def current_available(self) -> int:
        return self.total_earned - self.total_claimed


class KudosTransaction(models.Model):
    """An award (positive, with a source category) or a claim (negative, with a claim category)."""

    account = models.ForeignKey(
        "accounts.AccountDB", on_delete=models.CASCADE, related_name="kudos_transactions"
    )
    amount = models.IntegerField()
    source_category = models.ForeignKey(
        KudosSourceCategory,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transactions",
    )
    claim_category = models.ForeignKey(
        KudosClaimCategory,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transactions",
    )
    description = models.TextField(blank=True)
    awarded_by = models.ForeignKey(
        "accounts.AccountDB", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    character = models.ForeignKey(
        "objects.ObjectDB", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    idempotency_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    transaction_date = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-transaction_date", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(amount=0), name="kudostransaction_amount_not_zero"),
            models.CheckConstraint(
                condition=(
                    Q(source_category__isnull=False, claim_category__isnull=True, amount__gt=0)
                    | Q(source_category__isnull=True, claim_category__isnull=False, amount__lt=0)
                ),
                name="kudostransaction_award_has_source_claim_has_category",
            ),
        ]
        indexes = [
            models.Index(
                fields=["account", "-transaction_date", "-id"], name="kudostx_account_newest_first"
            ),
            models.Index(
                fields=["awarded_by", "transaction_date"], name="kudostx_by_giver_and_date"
            ),
        ]

    def __str__(self) -> str:
        category = self.source_category or self.claim_category
        return f"{self.account} {self.amount:+d} kudos ({category})"
