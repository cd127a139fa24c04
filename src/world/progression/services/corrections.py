"""Staff corrections of an account's XP balance, posted as CORRECTION ledger rows."""

from __future__ import annotations

from evennia.accounts.models import AccountDB

from ..conf import progression_settings
from ..exceptions import InvalidAmountError, ProgressionError
from ..models import XPTransaction
from ..rules.amounts import require_amount
from ..types import ProgressionReason
from .xp import post_account_xp


def correct_account_xp(
    account: AccountDB, amount: int, *, gm: AccountDB | None, reason_text: str
) -> XPTransaction:
    """Post a signed correction: positive adds XP that was missed, negative takes back XP awarded
    in error (lowering what was earned, not counting as spending).

    A negative correction larger than what is available raises InsufficientXPError and changes
    nothing: XP already spent cannot be taken back this way (refund the unlock first).
    """
    if isinstance(amount, bool) or not isinstance(amount, int) or amount == 0:
        raise InvalidAmountError(f"A correction must be a non-zero whole number, not {amount!r}.")
    require_amount(abs(amount), maximum=progression_settings.MAX_XP_AWARD, what="A correction")
    if not reason_text or not reason_text.strip():
        raise ProgressionError("A correction needs a reason, kept in the ledger.")
    return post_account_xp(
        account,
        amount,
        reason=ProgressionReason.CORRECTION,
        description=reason_text.strip(),
        gm=gm,
    ).transaction
