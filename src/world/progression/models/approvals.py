"""Two-person approval: a staff move larger than its pool's threshold, kept as a request until a
second staff member approves it (then it posts, once) or it is rejected or expires.

The request stores what to run (`action` and its `arguments`, rows by id) rather than a ledger
row, so no balance moves while it waits; `services.approvals` runs it.
"""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.db.models import F, Q
from django.dispatch import Signal
from django.utils import timezone

# Sent with `request` once an approval or rejection has committed (commands.notices tells the
# staff member who asked, if online).
staff_request_decided = Signal()


class StaffAction(models.TextChoices):
    """Every staff move that goes through the two-person rule."""

    AWARD_ACCOUNT_XP = "award_account_xp", "Award account XP"
    AWARD_CHARACTER_XP = "award_character_xp", "Award character XP"
    AWARD_DEVELOPMENT = "award_development", "Award development points"
    AWARD_KUDOS = "award_kudos", "Award kudos"
    CONVERT_CREATION_POINTS = "convert_creation_points", "Convert creation points"
    CORRECT_ACCOUNT_XP = "correct_account_xp", "Correct account XP"
    CORRECT_CHARACTER_XP = "correct_character_xp", "Correct character XP"
    CORRECT_KUDOS = "correct_kudos", "Correct kudos"
    CORRECT_DEVELOPMENT = "correct_development", "Correct development points"
    CORRECT_TRAIT_VALUE = "correct_trait_value", "Correct trait value"
    CORRECT_CLASS_LEVEL = "correct_class_level", "Correct class level"
    REFUND_UNLOCK = "refund_unlock", "Refund unlock"


class ApprovalPool(models.TextChoices):
    """What a move's amount is counted in: each has its own threshold
    (PROGRESSION_APPROVAL_THRESHOLDS)."""

    ACCOUNT_XP = "account_xp", "Account XP"
    CHARACTER_XP = "character_xp", "Character XP"
    KUDOS = "kudos", "Kudos"
    DEVELOPMENT = "development", "Development points"
    TRAIT_VALUE = "trait_value", "Trait value"
    CLASS_LEVEL = "class_level", "Class levels"
    REFUND = "refund", "XP refunded"


class ApprovalStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    EXPIRED = "expired", "Expired"


class StaffApprovalRequest(models.Model):
    action = models.CharField(max_length=40, choices=StaffAction.choices)
    # The action's keyword arguments as JSON: rows by id, amounts, the reason as typed.
    arguments = models.JSONField()
    pool = models.CharField(max_length=20, choices=ApprovalPool.choices)
    amount = models.IntegerField(help_text="Signed, as asked; its size is what the rule counts.")
    summary = models.CharField(max_length=400, help_text="What was asked, in words.")
    requested_by = models.ForeignKey(
        "accounts.AccountDB", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    status = models.CharField(
        max_length=10, choices=ApprovalStatus.choices, default=ApprovalStatus.PENDING
    )
    decided_by = models.ForeignKey(
        "accounts.AccountDB", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # When it was approved or rejected; for an expired request, when it expired.
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    # What the approval posted: the ledger row (or, for a refund, the refunded unlock).
    result_type = models.ForeignKey(
        "contenttypes.ContentType", null=True, blank=True, on_delete=models.PROTECT
    )
    result_id = models.PositiveBigIntegerField(null=True, blank=True)
    result = GenericForeignKey("result_type", "result_id")
    # An API client's retry of the same award finds this request instead of making another.
    idempotency_key = models.CharField(max_length=200, null=True, blank=True, unique=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "staff approval request"
        constraints = [
            models.CheckConstraint(condition=~Q(amount=0), name="staffapproval_amount_not_zero"),
            models.CheckConstraint(
                condition=Q(status__in=ApprovalStatus.values), name="staffapproval_status_known"
            ),
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("created_at")),
                name="staffapproval_expires_after_it_is_made",
            ),
            # The requester can withdraw (reject) their own request, never approve it.
            models.CheckConstraint(
                condition=~Q(status=ApprovalStatus.APPROVED, decided_by=F("requested_by")),
                name="staffapproval_approver_is_not_the_requester",
            ),
            models.CheckConstraint(
                condition=(
                    Q(
                        status=ApprovalStatus.PENDING,
                        decided_by__isnull=True,
                        decided_at__isnull=True,
                        result_id__isnull=True,
                    )
                    | Q(
                        status=ApprovalStatus.APPROVED,
                        decided_at__isnull=False,
                        result_type__isnull=False,
                        result_id__isnull=False,
                    )
                    | Q(
                        status=ApprovalStatus.REJECTED,
                        decided_at__isnull=False,
                        result_id__isnull=True,
                    )
                    | Q(
                        status=ApprovalStatus.EXPIRED,
                        decided_by__isnull=True,
                        decided_at__isnull=False,
                        result_id__isnull=True,
                    )
                ),
                name="staffapproval_decision_fields_match_status",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "expires_at"], name="staffapproval_status_expiry"),
        ]

    def __str__(self) -> str:
        return f"Request #{self.pk}: {self.summary} ({self.get_status_display()})"


__all__ = [
    "ApprovalPool",
    "ApprovalStatus",
    "StaffAction",
    "StaffApprovalRequest",
    "staff_request_decided",
]
