"""Development points: growth a character earns in a trait by using it."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone

from ..types import DevelopmentSource, ProgressionReason


class DevelopmentPoints(models.Model):
    character = models.ForeignKey(
        "objects.ObjectDB", on_delete=models.CASCADE, related_name="development_points"
    )
    trait = models.ForeignKey(
        "traits.Trait", on_delete=models.CASCADE, related_name="development_points"
    )
    total_earned = models.PositiveIntegerField(default=0)
    # Points earned but held behind a major threshold (a multiple of 10) the character has not
    # unlocked yet. They are applied, never dropped, when the unlock is bought.
    banked_points = models.PositiveIntegerField(default=0)
    updated_date = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "development points"
        verbose_name_plural = "development points"
        constraints = [
            models.UniqueConstraint(
                fields=["character", "trait"], name="devpoints_one_row_per_character_trait"
            ),
            models.CheckConstraint(
                condition=Q(banked_points__lte=models.F("total_earned")),
                name="devpoints_cannot_bank_more_than_earned",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.character} {self.trait}: {self.total_earned} earned"

    def award_points(self, amount: int, **kwargs) -> DevelopmentTransaction:
        """Award points and apply them to the trait value, through the audited path."""
        from ..services.awards import award_development_points

        kwargs.setdefault("source", DevelopmentSource.OTHER)
        kwargs.setdefault("reason", ProgressionReason.OTHER)
        kwargs.setdefault("apply_rate_modifiers", False)
        transaction = award_development_points(self.character, self.trait, amount=amount, **kwargs)
        self.refresh_from_db()
        return transaction


class DevelopmentTransaction(models.Model):
    character = models.ForeignKey(
        "objects.ObjectDB", on_delete=models.CASCADE, related_name="development_transactions"
    )
    trait = models.ForeignKey("traits.Trait", on_delete=models.CASCADE, related_name="+")
    source = models.CharField(max_length=20, choices=DevelopmentSource.choices)
    amount = models.IntegerField()
    reason = models.CharField(
        max_length=20, choices=ProgressionReason.choices, default=ProgressionReason.SCENE_AWARD
    )
    description = models.TextField(blank=True)
    scene = models.ForeignKey(
        "scenes.Scene",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="development_transactions",
    )
    gm = models.ForeignKey(
        "accounts.AccountDB", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    idempotency_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    transaction_date = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-transaction_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="devtransaction_amount_positive"
            ),
        ]
        indexes = [
            models.Index(
                fields=["character", "-transaction_date", "-id"], name="devtx_char_newest_first"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.character} {self.trait} +{self.amount} ({self.get_source_display()})"
