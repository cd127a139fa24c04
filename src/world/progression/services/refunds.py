"""Refunding a purchase: the XP goes back to the pools that paid, the level or rating drops."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from evennia.accounts.models import AccountDB

from world.classes.models import CharacterClassLevel
from world.traits.models import CharacterTraitValue

from ..exceptions import InvalidUnlockError
from ..models import CharacterUnlock, CharacterXPTransaction, XPTransaction
from ..models.locks import lock_character
from ..models.standings import post_class_level_change, post_trait_value_change, set_class_level
from ..selectors.shop import ACCOUNT, LOCKED, TRANSFERABLE
from ..types import ProgressionReason
from .development import bank_development_points
from .purchases import post_pool_part


def refund_unlock(
    character_unlock: CharacterUnlock, gm: AccountDB | None, reason: str = ""
) -> CharacterUnlock:
    """Undo a purchase: each pool that paid gets its part back as a REFUND row, the class
    level (or trait rating) drops back, and the unlock is marked refunded. Nothing is deleted.

    Takes the character's lock first, as a purchase does, so a refund and a purchase of the
    next level cannot interleave: a class level is refunded only while no higher one stands.
    Not durable: an approved request (`services.approvals`) runs it inside the transaction
    that holds the request's lock, so two approvals cannot both refund.
    """
    with transaction.atomic():
        lock_character(character_unlock.character)
        record = CharacterUnlock.objects.select_for_update(no_key=True).get(pk=character_unlock.pk)
        if record.refunded_date is not None:
            raise InvalidUnlockError(f"{record} was already refunded.")
        character = record.character
        if record.character_class_id is not None:
            higher = CharacterUnlock.objects.filter(
                character_id=record.character_id,
                character_class_id=record.character_class_id,
                target_level__gt=record.target_level,
                refunded_date__isnull=True,
            ).exists()
            if higher:
                raise InvalidUnlockError("Refund the higher levels of that class first.")
        description = f"Refund: {record}" + (f" ({reason})" if reason else "")
        paid = ProgressionReason.XP_PURCHASE
        parts = [
            (ACCOUNT, row.account, row.amount)
            for row in XPTransaction.objects.filter(unlock=record, reason=paid).select_related(
                "account"
            )
        ] + [
            (TRANSFERABLE if row.transferable else LOCKED, None, row.amount)
            for row in CharacterXPTransaction.objects.filter(unlock=record, reason=paid)
        ]
        for pool, account, amount in parts:
            post_pool_part(
                character,
                account,
                pool,
                -amount,
                reason=ProgressionReason.REFUND,
                description=description,
                gm=gm,
                unlock=record,
            )
        record.refunded_date = timezone.now()
        record.refunded_by = gm
        record.save(update_fields=["refunded_date", "refunded_by"])
        if record.character_class_id is not None:
            _drop_class_level(record, description, gm)
        else:
            _drop_trait_rating(record, description, gm)
        return record


def _drop_class_level(record: CharacterUnlock, description: str, gm) -> None:
    """The class falls back below the refunded level; levels staff gave above it since fall
    with it, and a REFUND row explains them."""
    level = CharacterClassLevel.objects.filter(
        character_id=record.character_id, character_class_id=record.character_class_id
    )
    current = level.values_list("level", flat=True).first() or 0
    new_level = record.target_level - 1
    # The refunded unlock explains a drop of one; a class staff moved since needs a row for the
    # rest of the change.
    if current - new_level != 1:
        post_class_level_change(
            record.character_id,
            record.character_class_id,
            new_level + 1 - current,
            new_level=new_level,
            reason=ProgressionReason.REFUND,
            description=description,
            gm=gm,
        )
    else:
        set_class_level(record.character_id, record.character_class_id, new_level)


def _drop_trait_rating(record: CharacterUnlock, description: str, gm) -> None:
    """The trait falls back below the refunded threshold; what it loses is banked, not lost."""
    value = (
        CharacterTraitValue.objects.select_for_update(no_key=True)
        .filter(character_id=record.character_id, trait_id=record.trait_id)
        .first()
    )
    ceiling = record.target_rating - 1
    if value is None or value.value <= ceiling:
        return
    excess = value.value - ceiling
    value.value = ceiling
    value.save(update_fields=["value"])
    # Development points that had carried it past the threshold go back to the bank; the rest of
    # the drop (values that never came from development points, such as creation) is explained
    # by a REFUND row of the trait value's own ledger.
    banked = bank_development_points(record, excess)
    if excess > banked:
        post_trait_value_change(
            record.character_id,
            record.trait_id,
            banked - excess,
            new_value=ceiling,
            reason=ProgressionReason.REFUND,
            description=description,
            gm=gm,
        )


__all__ = ["refund_unlock"]
