"""Buying an unlock: evaluate it under the character's lock, then pay.

A purchase is one durable transaction: the character's row is locked first (so two actions on
one character queue instead of racing), the unlock is quoted under that lock by the one rule the
shop uses, and XP is taken from the character's locked pool, its transferable pool and finally
its owner's account. Each part taken is its own XP_PURCHASE ledger row naming the purchase (its
`unlock` column), which is how a refund knows where to put the XP back.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from evennia.accounts.models import AccountDB
from evennia.objects.models import ObjectDB

from world.classes.models import CharacterClassLevel

from ..exceptions import (
    AlreadyUnlockedError,
    IdempotencyConflictError,
    InsufficientXPError,
    NoOwningAccountError,
)
from ..models import CharacterUnlock, ClassLevelUnlock, TraitRatingUnlock
from ..models.character_xp import post_character_xp
from ..models.locks import lock_character
from ..models.rewards import post_account_xp
from ..rules.achievements import UNLOCK_BOUGHT
from ..rules.unlocks import (
    CLASS_LEVEL,
    TRAIT_RATING,
    is_class_level,
    price_parts,
    unlock_key,
    unlock_label,
)
from ..selectors import owner_of
from ..selectors.shop import ACCOUNT, LOCKED, TRANSFERABLE, quote_unlock, xp_pools
from ..types import ProgressionReason
from .achievements import report_play
from .development import release_banked_development_points

Unlock = ClassLevelUnlock | TraitRatingUnlock


def purchase_unlock(
    character: ObjectDB,
    unlock_target: Unlock,
    *,
    gm: AccountDB | None = None,
    idempotency_key: str | None = None,
) -> CharacterUnlock:
    """Buy `unlock_target` for `character`; returns the CharacterUnlock.

    Raises AlreadyUnlockedError, NotForSaleError, RequirementsNotMetError, InvalidUnlockError
    (not the next step), InsufficientXPError or NoOwningAccountError, and then nothing has
    changed. A repeated `idempotency_key` returns the first purchase; the same key for another
    character or unlock raises IdempotencyConflictError.
    """
    if idempotency_key and (earlier := _earlier(idempotency_key, character, unlock_target)):
        return earlier
    try:
        with transaction.atomic(durable=True):
            return _purchase(character, unlock_target, gm, idempotency_key)
    except IntegrityError as error:
        # Only a concurrent purchase of the same unlock (or key) gets here on databases without
        # row locks; the partial unique constraints refused the second one.
        if idempotency_key and (earlier := _earlier(idempotency_key, character, unlock_target)):
            return earlier
        raise AlreadyUnlockedError(f"Already unlocked: {unlock_label(unlock_target)}.") from error


def _earlier(idempotency_key: str, character: ObjectDB, unlock) -> CharacterUnlock | None:
    earlier = CharacterUnlock.objects.filter(idempotency_key=idempotency_key).first()
    if earlier is None:
        return None
    bought = (
        (CLASS_LEVEL, earlier.character_class_id, earlier.target_level)
        if earlier.character_class_id is not None
        else (TRAIT_RATING, earlier.trait_id, earlier.target_rating)
    )
    if earlier.character_id != character.pk or bought != unlock_key(unlock):
        raise IdempotencyConflictError()
    return earlier


def _purchase(
    character: ObjectDB, unlock, gm: AccountDB | None, idempotency_key
) -> CharacterUnlock:
    lock_character(character)
    quote = quote_unlock(character, unlock)
    if refusal := quote.refusal():
        raise refusal
    unlock = quote.unlock  # the catalogue's instance: its class or trait is loaded
    cost = quote.price
    account = owner_of(character)
    # Read, not locked: each part is taken by a conditional UPDATE that refuses to overdraw,
    # so XP another character of the account spent meanwhile fails this purchase (rolled
    # back whole) instead of going negative. The character's own pools are under its lock.
    available = xp_pools(character, account)
    total = sum(available.values())
    if total < cost:
        if account is None and cost > available[LOCKED] + available[TRANSFERABLE]:
            raise NoOwningAccountError(
                f"{character.key} has no owning account to draw the rest of {cost} XP from."
            )
        raise InsufficientXPError(need=cost, have=total)

    class_level = is_class_level(unlock)
    record = CharacterUnlock.objects.create(
        character_id=character.pk,
        character_class_id=unlock.character_class_id if class_level else None,
        target_level=unlock.target_level if class_level else None,
        trait_id=None if class_level else unlock.trait_id,
        target_rating=None if class_level else unlock.target_rating,
        xp_spent=cost,
        gm=gm,
        idempotency_key=idempotency_key,
    )
    description = f"Unlocked {quote.label}"
    for pool, part in price_parts(cost, available).items():
        if part <= 0:
            continue
        post_pool_part(
            character,
            account,
            pool,
            -part,
            reason=ProgressionReason.XP_PURCHASE,
            description=description,
            gm=gm,
            unlock=record,
        )

    if class_level:
        # The quote read the character's classes under the lock: level 1 is a new class (the
        # character's primary one if it had none), any other level raises the one it has.
        if unlock.target_level == 1:
            CharacterClassLevel.objects.create(
                character_id=character.pk,
                character_class_id=unlock.character_class_id,
                level=1,
                is_primary=not quote.has_any_class,
            )
        else:
            CharacterClassLevel.objects.filter(
                character_id=character.pk, character_class_id=unlock.character_class_id
            ).update(level=unlock.target_level)
    else:
        release_banked_development_points(character, unlock.trait, unlock=record)
    report_play([character], UNLOCK_BOUGHT)
    return record


def post_pool_part(
    character: ObjectDB, account: AccountDB, pool: str, amount: int, *, unlock, **fields
):
    """Post `amount` to one of the pools a purchase draws from (see `POOL_ORDER`)."""
    if pool == ACCOUNT:
        return post_account_xp(account, amount, character=character, unlock=unlock, **fields)
    return post_character_xp(
        character, amount, transferable=pool == TRANSFERABLE, unlock=unlock, **fields
    )


__all__ = ["post_pool_part", "purchase_unlock"]
