"""Kudos: the "good sport" currency players and staff award and players claim as rewards."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from evennia.utils.idmapper.models import SharedMemoryModel

from ..rules.amounts import BALANCE_LIMIT
from ..types import ProgressionReason


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


class KudosRewardKind(models.TextChoices):
    """What a claim category gives: account XP the game credits itself, or something staff
    deliver by hand (a title, a custom item) after the claim opens a request for them."""

    XP = "xp", "Account XP"
    STAFF_DELIVERED = "staff_delivered", "Delivered by staff"


class KudosClaimCategory(SharedMemoryModel):
    """What kudos can be converted into, at `kudos_cost` kudos per `reward_amount` reward."""

    name = models.SlugField(max_length=50, unique=True)
    display_name = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    kudos_cost = models.PositiveIntegerField(default=10)
    reward_amount = models.PositiveIntegerField(default=1)
    # XP by default: the one reward the game delivers itself (the admin makes staff choose).
    reward_kind = models.CharField(
        max_length=20, choices=KudosRewardKind.choices, default=KudosRewardKind.XP
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        verbose_name_plural = "kudos claim categories"
        ordering = ["display_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reward_kind__in=KudosRewardKind.values),
                name="kudosclaimcategory_reward_kind_known",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def gives_xp(self) -> bool:
        return self.reward_kind == KudosRewardKind.XP

    @property
    def delivered_by_staff(self) -> bool:
        return self.reward_kind == KudosRewardKind.STAFF_DELIVERED

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
            models.CheckConstraint(
                condition=Q(total_earned__lte=BALANCE_LIMIT),
                name="kudos_earned_within_balance_limit",
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
    # Empty for awards and claims; CORRECTION for a staff correction (a negative one lowers
    # what was earned instead of counting as a claim).
    reason = models.CharField(
        max_length=20, choices=ProgressionReason.choices, blank=True, default="", db_default=""
    )
    description = models.TextField(blank=True)
    awarded_by = models.ForeignKey(
        "accounts.AccountDB", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    character = models.ForeignKey(
        "objects.ObjectDB", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The character the giver was playing: in-character text names it, never the account.
    awarded_by_character = models.ForeignKey(
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
                    | Q(
                        source_category__isnull=True,
                        claim_category__isnull=True,
                        reason=ProgressionReason.CORRECTION,
                    )
                ),
                name="kudostransaction_award_claim_or_correction",
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


class KudosRewardRequestStatus(models.TextChoices):
    OPEN = "open", "Open"
    DELIVERED = "delivered", "Delivered"
    CANCELLED = "cancelled", "Cancelled"


class KudosRewardRequest(models.Model):
    """A claim in a staff-delivered category, waiting for staff to deliver the reward.

    Made by the claim in the same transaction (one per claim row); staff close it as delivered or
    cancelled through the services, never by editing it.
    """

    account = models.ForeignKey(
        "accounts.AccountDB", on_delete=models.CASCADE, related_name="kudos_reward_requests"
    )
    claim_transaction = models.OneToOneField(
        KudosTransaction, on_delete=models.PROTECT, related_name="reward_request"
    )
    category = models.ForeignKey(
        KudosClaimCategory, on_delete=models.PROTECT, related_name="reward_requests"
    )
    reward_amount = models.PositiveIntegerField()
    status = models.CharField(
        max_length=20,
        choices=KudosRewardRequestStatus.choices,
        default=KudosRewardRequestStatus.OPEN,
    )
    created_date = models.DateTimeField(default=timezone.now)
    closed_by = models.ForeignKey(
        "accounts.AccountDB", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    staff_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reward_amount__gt=0), name="kudosrewardrequest_reward_positive"
            ),
            models.CheckConstraint(
                condition=Q(status__in=KudosRewardRequestStatus.values),
                name="kudosrewardrequest_status_known",
            ),
            models.CheckConstraint(
                condition=(
                    Q(status=KudosRewardRequestStatus.OPEN, closed_at__isnull=True)
                    | (~Q(status=KudosRewardRequestStatus.OPEN) & Q(closed_at__isnull=False))
                ),
                name="kudosrewardrequest_closed_ones_say_when",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "created_date"], name="kudosreward_by_status_age"),
        ]

    def __str__(self) -> str:
        return f"{self.account}: {self.reward_amount} {self.category} ({self.get_status_display()})"
