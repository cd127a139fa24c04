"""Staff corrections of every number the progression system keeps: account XP, character XP,
kudos, development points, trait values and class levels. Each is a signed CORRECTION ledger row
with the reason staff gave, posted in one transaction with the change it explains, so the audit
stays clean after any of them.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from evennia.accounts.models import AccountDB
from evennia.objects.models import ObjectDB

from world.classes.models import MAX_CLASS_LEVEL, CharacterClass, CharacterClassLevel
from world.traits.models import CharacterTraitValue, Trait

from ..conf import progression_settings
from ..exceptions import InvalidAmountError, ProgressionError
from ..models import (
    CharacterXPTransaction,
    ClassLevelTransaction,
    DevelopmentTransaction,
    KudosTransaction,
    TraitValueTransaction,
    XPTransaction,
)
from ..models.development import write_points, write_trait_values
from ..models.development_state import read_development_state
from ..models.locks import lock_character
from ..models.standings import post_class_level_change, post_trait_value_change
from ..models.written import record_written
from ..rules.amounts import require_amount
from ..rules.ratings import MAX_TRAIT_VALUE
from ..types import DevelopmentSource, ProgressionReason
from .kudos import kudos_pool
from .ledger import post
from .xp import post_account_xp, post_character_xp

CORRECTION = ProgressionReason.CORRECTION


def require_correction(amount, *, maximum: int, reason_text: str) -> str:
    """The stripped reason, once `amount` is a non-zero whole number within `maximum` either way
    and a reason is given (InvalidAmountError or ProgressionError else)."""
    if isinstance(amount, bool) or not isinstance(amount, int) or amount == 0:
        raise InvalidAmountError(f"A correction must be a non-zero whole number, not {amount!r}.")
    require_amount(abs(amount), maximum=maximum, what="A correction")
    if not reason_text or not reason_text.strip():
        raise ProgressionError("A correction needs a reason, kept in the ledger.")
    return reason_text.strip()


def correct_account_xp(
    account: AccountDB, amount: int, *, gm: AccountDB | None, reason_text: str
) -> XPTransaction:
    """Post a signed correction: positive adds XP that was missed, negative takes back XP awarded
    in error (lowering what was earned, not counting as spending).

    A negative correction larger than what is available raises InsufficientXPError and changes
    nothing: XP already spent cannot be taken back this way (refund the unlock first).
    """
    text = require_correction(
        amount, maximum=progression_settings.MAX_XP_AWARD, reason_text=reason_text
    )
    return post_account_xp(account, amount, reason=CORRECTION, description=text, gm=gm).transaction


def correct_character_xp(
    character: ObjectDB,
    amount: int,
    *,
    transferable: bool = True,
    gm: AccountDB | None,
    reason_text: str,
) -> CharacterXPTransaction:
    """The same correction for one of a character's XP pools (locked or transferable)."""
    text = require_correction(
        amount, maximum=progression_settings.MAX_XP_AWARD, reason_text=reason_text
    )
    with transaction.atomic():
        lock_character(character)
        return post_character_xp(
            character, amount, transferable=transferable, reason=CORRECTION, description=text, gm=gm
        ).transaction


def correct_kudos(
    account: AccountDB, amount: int, *, gm: AccountDB | None, reason_text: str
) -> KudosTransaction:
    """The same correction for an account's kudos: a negative one lowers what was earned (it is
    not a claim) and is refused with InsufficientKudosError past what is available."""
    text = require_correction(
        amount, maximum=progression_settings.MAX_KUDOS_AWARD, reason_text=reason_text
    )
    return post(
        kudos_pool(account),
        KudosTransaction,
        earned_delta=amount,
        spent_delta=0,
        ledger_fields={
            "account": account,
            "amount": amount,
            "reason": CORRECTION,
            "description": text,
            "awarded_by": gm,
        },
    ).transaction


def correct_development(
    character: ObjectDB, trait: Trait, amount: int, *, gm: AccountDB | None, reason_text: str
) -> DevelopmentTransaction:
    """Correct a character's development points in one trait, exactly (no rate modifiers).

    Positive points are applied as an award's are: to the trait up to its next locked threshold,
    the rest banked. Negative points are taken back from the bank first, then from the trait's
    value; more than were earned, or more than the value holds, is refused."""
    text = require_correction(
        amount, maximum=progression_settings.MAX_DEVELOPMENT_AWARD, reason_text=reason_text
    )
    pair = (character.pk, trait.pk)
    with transaction.atomic():
        lock_character(character)
        state = read_development_state([character.pk], [trait.pk])
        earned, banked = state.points.get(pair, (0, 0))
        value = state.values.get(pair, 0)
        if amount > 0:
            to_value = max(0, min(amount, state.cap(pair, value) - value))
            bank_change = amount - to_value
        else:
            taken = -amount
            if taken > earned:
                raise InvalidAmountError(
                    f"{character.key} has earned {earned} {trait.name} points; "
                    f"a correction cannot take back {taken}."
                )
            bank_change = -min(banked, taken)
            to_value = amount - bank_change  # negative: what the value loses
            if value + to_value < 0:
                raise InvalidAmountError(
                    f"{character.key}'s {trait.name} is {value}; it cannot lose {-to_value}."
                )
        now = timezone.now()
        if to_value:
            write_trait_values({pair: value + to_value})
        write_points({pair: (earned + amount, banked + bank_change)}, now=now)
        row = DevelopmentTransaction.objects.create(
            character_id=character.pk,
            trait_id=trait.pk,
            source=DevelopmentSource.OTHER,
            amount=amount,
            banked=bank_change,
            reason=CORRECTION,
            description=text,
            gm=gm,
            transaction_date=now,
        )
        record_written(DevelopmentTransaction, [row])
        return row


def correct_trait_value(
    character: ObjectDB,
    trait: Trait,
    amount: int,
    *,
    gm: AccountDB | None,
    reason_text: str,
    reason: str = CORRECTION,
) -> TraitValueTransaction:
    """Move a trait value by a signed `amount` (on the 1-100 scale), with its ledger row; the
    value must stay within the scale. `reason` OTHER records a starting value."""
    text = require_correction(amount, maximum=MAX_TRAIT_VALUE, reason_text=reason_text)
    with transaction.atomic():
        lock_character(character)
        value = (
            CharacterTraitValue.objects.filter(character_id=character.pk, trait_id=trait.pk)
            .values_list("value", flat=True)
            .first()
        ) or 0
        if not 0 <= value + amount <= MAX_TRAIT_VALUE:
            raise InvalidAmountError(
                f"{character.key}'s {trait.name} is {value}; {amount:+d} would leave the "
                f"scale of 0 to {MAX_TRAIT_VALUE}."
            )
        return post_trait_value_change(
            character.pk,
            trait.pk,
            amount,
            new_value=value + amount,
            reason=reason,
            description=text,
            gm=gm,
        )


def correct_class_level(
    character: ObjectDB,
    character_class: CharacterClass,
    amount: int,
    *,
    gm: AccountDB | None,
    reason_text: str,
    reason: str = CORRECTION,
) -> ClassLevelTransaction:
    """Move a class level by a signed `amount`, with its ledger row: from 0 it gives the class,
    to 0 it removes it; the level must stay within 0 to 10."""
    text = require_correction(amount, maximum=MAX_CLASS_LEVEL, reason_text=reason_text)
    with transaction.atomic():
        lock_character(character)
        level = (
            CharacterClassLevel.objects.filter(
                character_id=character.pk, character_class_id=character_class.pk
            )
            .values_list("level", flat=True)
            .first()
        ) or 0
        if not 0 <= level + amount <= MAX_CLASS_LEVEL:
            raise InvalidAmountError(
                f"{character.key} is {character_class.name} {level}; {amount:+d} would leave "
                f"0 to {MAX_CLASS_LEVEL}."
            )
        return post_class_level_change(
            character.pk,
            character_class.pk,
            amount,
            new_level=level + amount,
            reason=reason,
            description=text,
            gm=gm,
        )


__all__ = [
    "correct_account_xp",
    "correct_character_xp",
    "correct_class_level",
    "correct_development",
    "correct_kudos",
    "correct_trait_value",
    "require_correction",
]
