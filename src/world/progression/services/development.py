"""Awarding development points: validate, then run the one engine in one transaction.

The engine (`models.development.apply_development_awards`) applies distinction
modifiers, raises trait values up to the next locked threshold and banks the rest, in a
constant number of statements for any number of awards; every entry point of the game uses it.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import IntegrityError, transaction
from evennia.accounts.models import AccountDB
from evennia.objects.models import ObjectDB

from world.traits.models import Trait

from ..models import CharacterUnlock, DevelopmentTransaction
from ..models.development import (
    DevelopmentAward,
    apply_development_awards,
    move_banked_points,
    validate_development_award,
)
from ..models.locks import lock_character
from ..rules.ratings import MAX_TRAIT_VALUE
from ..types import ProgressionReason


def award_development_points_in_bulk(
    entries: Sequence[DevelopmentAward],
    *,
    reason: str = ProgressionReason.SCENE_AWARD,
    description: str = "",
    scene=None,
    gm: AccountDB | None = None,
) -> list[DevelopmentTransaction]:
    """Award every entry in one transaction; returns one DevelopmentTransaction per entry, in
    order (the earlier transaction for an entry whose idempotency key was already used).

    Every entry is validated before anything is written: one bad amount or trait and nothing is
    awarded (InvalidAmountError).
    """
    entries = list(entries)
    for entry in entries:
        validate_development_award(entry)
    if not entries:
        return []
    fields = {"reason": reason, "description": description, "scene": scene, "gm": gm}
    try:
        with transaction.atomic():
            return apply_development_awards(entries, **fields)
    except IntegrityError:
        # A concurrent batch used one of our idempotency keys first; its rows now exist, so a
        # second pass returns them and awards only what is genuinely new.
        if not any(entry.idempotency_key for entry in entries):
            raise
        with transaction.atomic():
            return apply_development_awards(entries, **fields)


def release_banked_development_points(
    character: ObjectDB, trait: Trait, *, unlock: CharacterUnlock | None = None
) -> int:
    """Apply points banked behind thresholds the character has now unlocked; returns how many.

    Called inside the purchase of a trait-rating unlock, after its CharacterUnlock is recorded,
    under the purchase's lock on the character; called on its own, it takes that lock. Points
    still behind a further locked threshold stay banked. Costs one read when nothing is banked.
    """
    standalone = not transaction.get_connection().in_atomic_block
    # No savepoint: nothing here needs undoing apart from the purchase it is part of.
    with transaction.atomic(savepoint=False):
        if standalone:
            lock_character(character)
        return move_banked_points(character.pk, trait.pk, unlock=unlock, release=True)


def bank_development_points(unlock: CharacterUnlock, points: int) -> int:
    """Bank `points` the trait lost when `unlock` was refunded (as far as development earned
    them); called inside the refund."""
    return move_banked_points(
        unlock.character_id, unlock.trait_id, unlock=unlock, release=False, limit=points
    )


__all__ = [
    "MAX_TRAIT_VALUE",
    "DevelopmentAward",
    "award_development_points_in_bulk",
    "bank_development_points",
    "release_banked_development_points",
]
