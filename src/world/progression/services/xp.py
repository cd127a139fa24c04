"""Posting account XP and character XP: the primitives awards, spends and refunds build on."""

from __future__ import annotations

from ..exceptions import InvalidAmountError
from ..models import CharacterXP, CharacterXPTransaction, ExperiencePointsData, XPTransaction
from ..types import ProgressionReason
from .ledger import Pool, Posting, balance_effect, post


def require_positive_amount(amount) -> int:
    """Amounts are positive whole numbers; bools and floats are refused, not truncated."""
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise InvalidAmountError(f"The amount must be a positive whole number, not {amount!r}.")
    return amount


def account_pool(account) -> Pool:
    return Pool(ExperiencePointsData, {"account_id": account.pk})


def character_pool(character, *, transferable: bool) -> Pool:
    return Pool(CharacterXP, {"character_id": character.pk, "transferable": transferable})


def post_account_xp(
    account,
    amount: int,
    *,
    reason: str,
    description: str = "",
    character=None,
    gm=None,
    kudos_transaction=None,
    idempotency_key: str | None = None,
) -> Posting:
    """Post a signed `amount` of account XP (positive adds, negative takes) with its ledger row."""
    earned, spent = balance_effect(reason, amount)
    return post(
        account_pool(account),
        XPTransaction,
        earned_delta=earned,
        spent_delta=spent,
        ledger_fields={
            "account": account,
            "amount": amount,
            "reason": reason,
            "description": description,
            "character": character,
            "gm": gm,
            "kudos_transaction": kudos_transaction,
        },
        idempotency_key=idempotency_key,
    )


def post_character_xp(
    character,
    amount: int,
    *,
    transferable: bool,
    reason: str,
    description: str = "",
    gm=None,
    idempotency_key: str | None = None,
) -> Posting:
    """Post a signed `amount` to one of the character's XP pools with its ledger row."""
    earned, spent = balance_effect(reason, amount)
    return post(
        character_pool(character, transferable=transferable),
        CharacterXPTransaction,
        earned_delta=earned,
        spent_delta=spent,
        ledger_fields={
            "character": character,
            "amount": amount,
            "reason": reason,
            "description": description,
            "transferable": transferable,
            "gm": gm,
        },
        idempotency_key=idempotency_key,
    )


def spend_account_xp(
    account,
    amount: int,
    *,
    reason: str = ProgressionReason.XP_PURCHASE,
    description: str = "",
    character=None,
    gm=None,
    idempotency_key: str | None = None,
) -> XPTransaction:
    """Take `amount` XP from the account; InsufficientXPError and no change when short."""
    require_positive_amount(amount)
    return post_account_xp(
        account,
        -amount,
        reason=reason,
        description=description,
        character=character,
        gm=gm,
        idempotency_key=idempotency_key,
    ).transaction


def spend_character_xp(
    character,
    amount: int,
    *,
    transferable: bool,
    reason: str = ProgressionReason.XP_PURCHASE,
    description: str = "",
    gm=None,
    idempotency_key: str | None = None,
) -> CharacterXPTransaction:
    """Take `amount` from one character XP pool; InsufficientXPError and no change when short."""
    require_positive_amount(amount)
    return post_character_xp(
        character,
        -amount,
        transferable=transferable,
        reason=reason,
        description=description,
        gm=gm,
        idempotency_key=idempotency_key,
    ).transaction
