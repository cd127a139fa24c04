"""Posting account XP and character XP: the primitives awards, spends and refunds build on.

They are storage operations and live with their models; the services use them from here.
"""

from __future__ import annotations

from ..models.character_xp import (
    award_character_xp,
    character_pool,
    post_character_xp,
    spend_character_xp,
)
from ..models.rewards import account_pool, award_account_xp, post_account_xp, spend_account_xp
from ..rules.amounts import BALANCE_LIMIT, require_amount


def require_positive_amount(amount) -> int:
    """A positive whole number that fits a balance (callers with a tighter maximum use
    `rules.amounts.require_amount` with it)."""
    return require_amount(amount, maximum=BALANCE_LIMIT)


__all__ = [
    "account_pool",
    "award_account_xp",
    "award_character_xp",
    "character_pool",
    "post_account_xp",
    "post_character_xp",
    "require_positive_amount",
    "spend_account_xp",
    "spend_character_xp",
]
