"""The development-point engine: award points to traits in bulk and apply them to trait values.

Points raise the character's `CharacterTraitValue` at once, up to the next major threshold (a
multiple of 10) that is locked for the character: a `TraitRatingUnlock` exists for it and the
character has not bought it. Points past that are banked on `DevelopmentPoints.banked_points` and
released by `release_banked_development_points` when the unlock is bought; none are dropped.

One call handles any number of awards in a constant number of statements (rate modifiers, rows,
thresholds and idempotency keys are each read once for the whole batch), so a scene with thirty
participants costs what a scene with three does.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from world.mechanics.services import get_modifiers_for_characters
from world.traits.models import CharacterTraitValue, TraitCategory

from ..exceptions import InvalidAmountError
from ..models import CharacterUnlock, DevelopmentPoints, DevelopmentTransaction, TraitRatingUnlock
from ..types import DevelopmentSource, ProgressionReason

MAX_TRAIT_VALUE = 100
MAJOR_THRESHOLD = 10

DEVELOPMENT_MODIFIER_CATEGORY = "development"
ALL_TRAITS_RATE = "all_skill_development_rate"
CATEGORY_RATES = {
    TraitCategory.PHYSICAL: "physical_skill_development_rate",
    TraitCategory.COMBAT: "physical_skill_development_rate",
    TraitCategory.SOCIAL: "social_skill_development_rate",
    TraitCategory.GENERAL: "social_skill_development_rate",
    TraitCategory.MENTAL: "mental_skill_development_rate",
    TraitCategory.CRAFTING: "mental_skill_development_rate",
}


@dataclass(frozen=True)
class DevelopmentAward:
    """One award in a batch: `amount` points (before rate modifiers) to `trait` of `character`."""

    character: object
    trait: object
    amount: int
    source: str = DevelopmentSource.OTHER
    idempotency_key: str | None = None
    description: str | None = None


def rate_percentage(modifiers: dict[str, int], trait) -> int:
    """The total development-rate modifier (a percentage) a character has for `trait`."""
    total = modifiers.get(ALL_TRAITS_RATE, 0)
    category_rate = CATEGORY_RATES.get(trait.category)
    if category_rate:
        total += modifiers.get(category_rate, 0)
    return total


def modified_amount(amount: int, percentage: int) -> int:
    """floor(amount * (100 + percentage) / 100), and never less than one point."""
    return max(1, amount * (100 + percentage) // 100)


def trait_cap(value: int, locked_thresholds: Iterable[int]) -> int:
    """The highest value a trait at `value` may reach before a locked threshold stops it."""
    above = [threshold - 1 for threshold in locked_thresholds if threshold > value]
    return min([MAX_TRAIT_VALUE, *above])


def award_development_points_in_bulk(
    entries: Sequence[DevelopmentAward],
    *,
    reason: str = ProgressionReason.SCENE_AWARD,
    description: str = "",
    scene=None,
    gm=None,
    apply_rate_modifiers: bool = True,
) -> list[DevelopmentTransaction]:
    """Award every entry in one transaction; returns one DevelopmentTransaction per entry, in
    order (the earlier transaction for an entry whose idempotency key was already used).

    Every entry is validated before anything is written: one bad amount or trait and nothing is
    awarded (InvalidAmountError).
    """
    entries = list(entries)
    for entry in entries:
        _validate(entry)
    if not entries:
        return []
    try:
        return _award(entries, reason, description, scene, gm, apply_rate_modifiers)
    except IntegrityError:
        # A concurrent batch used one of our idempotency keys first; its rows now exist, so a
        # second pass returns them and awards only what is genuinely new.
        if not any(entry.idempotency_key for entry in entries):
            raise
        return _award(entries, reason, description, scene, gm, apply_rate_modifiers)


def _validate(entry: DevelopmentAward) -> None:
    amount = entry.amount
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise InvalidAmountError(
            f"Development points must be a positive whole number, not {amount!r}."
        )
    if getattr(entry.trait, "pk", None) is None:
        raise InvalidAmountError(f"Unknown trait: {entry.trait!r}.")
    if getattr(entry.character, "pk", None) is None:
        raise InvalidAmountError(f"Unknown character: {entry.character!r}.")


def _award(entries, reason, description, scene, gm, apply_rate_modifiers):
    with transaction.atomic():
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
        modifiers = (
            get_modifiers_for_characters(
                character_ids,
                DEVELOPMENT_MODIFIER_CATEGORY,
                {ALL_TRAITS_RATE, *CATEGORY_RATES.values()},
            )
            if apply_rate_modifiers
            else {}
        )
        pairs = {(entry.character.pk, entry.trait.pk) for entry in fresh}
        points, values = _lock_rows(pairs)
        locked = locked_thresholds(character_ids, trait_ids)

        now = timezone.now()
        new_transactions = []
        for entry in fresh:
            pair = (entry.character.pk, entry.trait.pk)
            amount = entry.amount
            if apply_rate_modifiers:
                percentage = rate_percentage(modifiers.get(entry.character.pk, {}), entry.trait)
                amount = modified_amount(amount, percentage)
            row, value = points[pair], values[pair]
            applied = max(
                0, min(amount, trait_cap(value.value, locked.get(pair, ())) - value.value)
            )
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


def locked_thresholds(character_ids, trait_ids) -> dict[tuple[int, int], list[int]]:
    """{(character_id, trait_id): [thresholds still locked for that character]} in two queries."""
    defined: dict[int, set[int]] = {}
    for trait_id, rating in TraitRatingUnlock.objects.filter(trait_id__in=trait_ids).values_list(
        "trait_id", "target_rating"
    ):
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


def release_banked_development_points(character, trait) -> int:
    """Apply points banked behind thresholds the character has now unlocked; returns how many.

    Called inside the purchase of a trait-rating unlock, after its CharacterUnlock is recorded.
    Points still behind a further locked threshold stay banked.
    """
    with transaction.atomic():
        row = (
            DevelopmentPoints.objects.select_for_update(no_key=True)
            .filter(character_id=character.pk, trait_id=trait.pk)
            .first()
        )
        if row is None or row.banked_points == 0:
            return 0
        value, _ = CharacterTraitValue.objects.select_for_update(no_key=True).get_or_create(
            character_id=character.pk, trait_id=trait.pk, defaults={"value": 0}
        )
        locked = locked_thresholds({character.pk}, {trait.pk}).get((character.pk, trait.pk), ())
        released = max(0, min(row.banked_points, trait_cap(value.value, locked) - value.value))
        if released:
            row.banked_points -= released
            row.updated_date = timezone.now()
            row.save(update_fields=["banked_points", "updated_date"])
            value.value += released
            value.save(update_fields=["value"])
        return released
