"""Development points: growth a character earns in a trait by using it, and the one engine that
awards them.

Points raise the character's `CharacterTraitValue` at once, up to the next major threshold (a
multiple of 10) that is locked for the character: a `TraitRatingUnlock` exists for it and the
character has not bought it. Points past that are banked on `DevelopmentPoints.banked_points` and
released when the unlock is bought; none are dropped. Every move of points, earned or into and
out of the bank, is a `DevelopmentTransaction` row (`amount` earned, `banked` the bank's change),
so the audit rebuilds both columns from the ledger.

`apply_development_awards` is the engine every entry point uses (the services, the scene awards
and the specification's `DevelopmentPoints.award_points`), so all of them apply the same
distinction modifiers. It handles any number of awards in a constant number of statements.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import models
from django.db import transaction as db_transaction
from django.db.models import Q
from django.utils import timezone

from world.mechanics.services import get_modifiers_for_characters
from world.traits.models import CharacterTraitValue

from ..conf import progression_settings
from ..exceptions import InvalidAmountError
from ..rules.amounts import BALANCE_LIMIT, require_amount
from ..rules.development import (
    DEVELOPMENT_MODIFIER_CATEGORY,
    RATE_MODIFIER_NAMES,
    modified_amount,
    rate_percentage,
)
from ..rules.ratings import trait_cap
from ..types import DevelopmentSource, ProgressionReason
from .locks import lock_characters
from .unlocks import CharacterUnlock, TraitRatingUnlock


@dataclass(frozen=True)
class DevelopmentAward:
    """One award in a batch: `amount` points (before rate modifiers) to `trait` of `character`."""

    character: object
    trait: object
    amount: int
    source: str = DevelopmentSource.OTHER
    idempotency_key: str | None = None
    description: str | None = None


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
            models.CheckConstraint(
                condition=Q(total_earned__lte=BALANCE_LIMIT),
                name="devpoints_earned_within_balance_limit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.character} {self.trait}: {self.total_earned} earned"

    def award_points(self, amount: int, **kwargs) -> DevelopmentTransaction:
        """Award points and apply them to the trait value, with the character's distinction
        modifiers, through the same engine as every other award; refreshes this instance."""
        award = DevelopmentAward(
            character=self.character,
            trait=self.trait,
            amount=amount,
            source=kwargs.pop("source", DevelopmentSource.OTHER),
            idempotency_key=kwargs.pop("idempotency_key", None),
        )
        validate_development_award(award)
        kwargs.setdefault("reason", ProgressionReason.OTHER)
        with db_transaction.atomic():
            (row,) = apply_development_awards([award], **kwargs)
        self.refresh_from_db()
        return row


class DevelopmentTransaction(models.Model):
    character = models.ForeignKey(
        "objects.ObjectDB", on_delete=models.CASCADE, related_name="development_transactions"
    )
    trait = models.ForeignKey("traits.Trait", on_delete=models.CASCADE, related_name="+")
    source = models.CharField(max_length=20, choices=DevelopmentSource.choices)
    amount = models.IntegerField()  # points earned (0 for a row that only moves the bank)
    # How this row changed the bank: + points held behind a locked threshold, - points released
    # by buying it. The bank's balance is the sum of this column.
    banked = models.IntegerField(default=0)
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
                condition=Q(amount__gt=0) | (Q(amount=0) & ~Q(banked=0)),
                name="devtransaction_earns_or_moves_the_bank",
            ),
        ]
        indexes = [
            models.Index(
                fields=["character", "-transaction_date", "-id"], name="devtx_char_newest_first"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.character} {self.trait} +{self.amount} ({self.get_source_display()})"


def validate_development_award(entry: DevelopmentAward) -> None:
    """InvalidAmountError unless the award is for a real character and trait, by a positive
    whole number of points up to PROGRESSION_MAX_DEVELOPMENT_AWARD."""
    require_amount(
        entry.amount,
        maximum=progression_settings.MAX_DEVELOPMENT_AWARD,
        what="Development points",
    )
    if getattr(entry.trait, "pk", None) is None:
        raise InvalidAmountError(f"Unknown trait: {entry.trait!r}.")
    if getattr(entry.character, "pk", None) is None:
        raise InvalidAmountError(f"Unknown character: {entry.character!r}.")


def apply_development_awards(
    entries: Sequence[DevelopmentAward],
    *,
    reason: str = ProgressionReason.SCENE_AWARD,
    description: str = "",
    scene=None,
    gm=None,
) -> list[DevelopmentTransaction]:
    """Award validated `entries`; one DevelopmentTransaction per entry, in order (the earlier
    row for an entry whose idempotency key was already used). Runs inside the caller's
    transaction and takes the characters' locks first."""
    keys = [entry.idempotency_key for entry in entries if entry.idempotency_key]
    earlier = (
        {
            tx.idempotency_key: tx
            for tx in DevelopmentTransaction.objects.filter(idempotency_key__in=keys)
        }
        if keys
        else {}
    )
    fresh = [entry for entry in entries if entry.idempotency_key not in earlier]
    if not fresh:
        return [earlier[entry.idempotency_key] for entry in entries]

    character_ids = {entry.character.pk for entry in fresh}
    trait_ids = {entry.trait.pk for entry in fresh}
    lock_characters(character_ids)
    modifiers = get_modifiers_for_characters(
        character_ids, DEVELOPMENT_MODIFIER_CATEGORY, RATE_MODIFIER_NAMES
    )
    pairs = {(entry.character.pk, entry.trait.pk) for entry in fresh}
    points, values = _lock_rows(pairs)
    locked = locked_thresholds(character_ids, trait_ids)

    now = timezone.now()
    new_transactions = []
    for entry in fresh:
        pair = (entry.character.pk, entry.trait.pk)
        percentage = rate_percentage(modifiers.get(entry.character.pk, {}), entry.trait)
        amount = modified_amount(entry.amount, percentage)
        row, value = points[pair], values[pair]
        applied = max(0, min(amount, trait_cap(value.value, locked.get(pair, ())) - value.value))
        value.value += applied
        row.total_earned += amount
        row.banked_points += amount - applied
        row.updated_date = now
        new_transactions.append(
            DevelopmentTransaction(
                character_id=entry.character.pk,
                trait_id=entry.trait.pk,
                source=entry.source,
                amount=amount,
                banked=amount - applied,
                reason=reason,
                description=entry.description if entry.description is not None else description,
                scene=scene,
                gm=gm,
                idempotency_key=entry.idempotency_key,
                transaction_date=now,
            )
        )
    DevelopmentPoints.objects.bulk_update(
        points.values(), ["total_earned", "banked_points", "updated_date"]
    )
    CharacterTraitValue.objects.bulk_update(values.values(), ["value"])
    created = iter(DevelopmentTransaction.objects.bulk_create(new_transactions))
    return [
        earlier[entry.idempotency_key] if entry.idempotency_key in earlier else next(created)
        for entry in entries
    ]


def _lock_rows(pairs: set[tuple[int, int]]):
    """Create missing rows, then lock every (character, trait) row the batch changes."""
    character_ids = {c for c, _ in pairs}
    trait_ids = {t for _, t in pairs}
    DevelopmentPoints.objects.bulk_create(
        [DevelopmentPoints(character_id=c, trait_id=t) for c, t in pairs], ignore_conflicts=True
    )
    CharacterTraitValue.objects.bulk_create(
        [CharacterTraitValue(character_id=c, trait_id=t, value=0) for c, t in pairs],
        ignore_conflicts=True,
    )
    points = {
        (row.character_id, row.trait_id): row
        for row in DevelopmentPoints.objects.select_for_update(no_key=True)
        .filter(character_id__in=character_ids, trait_id__in=trait_ids)
        .order_by("pk")
        if (row.character_id, row.trait_id) in pairs
    }
    values = {
        (row.character_id, row.trait_id): row
        for row in CharacterTraitValue.objects.select_for_update(no_key=True)
        .filter(character_id__in=character_ids, trait_id__in=trait_ids)
        .order_by("pk")
        if (row.character_id, row.trait_id) in pairs
    }
    return points, values


def locked_thresholds(
    character_ids: Iterable[int], trait_ids: Iterable[int]
) -> dict[tuple[int, int], list[int]]:
    """{(character_id, trait_id): [thresholds still locked for that character]} in two queries."""
    character_ids = list(character_ids)
    defined: dict[int, set[int]] = {}
    for trait_id, rating in TraitRatingUnlock.objects.filter(
        trait_id__in=list(trait_ids)
    ).values_list("trait_id", "target_rating"):
        defined.setdefault(trait_id, set()).add(rating)
    if not defined:
        return {}
    bought: dict[tuple[int, int], set[int]] = {}
    for character_id, trait_id, rating in CharacterUnlock.objects.filter(
        character_id__in=character_ids,
        trait_id__in=defined.keys(),
        refunded_date__isnull=True,
    ).values_list("character_id", "trait_id", "target_rating"):
        bought.setdefault((character_id, trait_id), set()).add(rating)
    return {
        (c, t): sorted(ratings - bought.get((c, t), set()))
        for c in character_ids
        for t, ratings in defined.items()
    }


def move_banked_points(
    character_id: int,
    trait_id: int,
    *,
    unlock: CharacterUnlock | None,
    release: bool,
    limit: int = 0,
) -> int:
    """Move points between the bank and the trait value for one unlock, with its ledger row.

    `release=True` (a purchase): apply banked points up to the next threshold still locked.
    `release=False` (a refund): bank `limit` points the trait just lost, as far as they came
    from development. Returns how many points moved. Runs inside the action's transaction.
    """
    row = (
        DevelopmentPoints.objects.select_for_update(no_key=True)
        .filter(character_id=character_id, trait_id=trait_id)
        .first()
    )
    if row is None:
        return 0
    if release:
        if row.banked_points == 0:
            return 0
        value, _ = CharacterTraitValue.objects.select_for_update(no_key=True).get_or_create(
            character_id=character_id, trait_id=trait_id, defaults={"value": 0}
        )
        locked = locked_thresholds([character_id], [trait_id]).get((character_id, trait_id), ())
        moved = max(0, min(row.banked_points, trait_cap(value.value, locked) - value.value))
        if moved:
            value.value += moved
            value.save(update_fields=["value"])
        change, reason, text = -moved, ProgressionReason.XP_PURCHASE, "Released by"
    else:
        moved = max(0, min(limit, row.total_earned - row.banked_points))
        change, reason, text = moved, ProgressionReason.REFUND, "Banked again by the refund of"
    if not moved:
        return 0
    row.banked_points += change
    row.updated_date = timezone.now()
    row.save(update_fields=["banked_points", "updated_date"])
    DevelopmentTransaction.objects.create(
        character_id=character_id,
        trait_id=trait_id,
        source=DevelopmentSource.OTHER,
        amount=0,
        banked=change,
        reason=reason,
        description=f"{text} {unlock}" if unlock else "Released: the threshold is unlocked",
    )
    return moved
