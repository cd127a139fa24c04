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

__all__ = [
    "account_pool",
    "award_account_xp",
    "award_character_xp",
    "character_pool",
    "post_account_xp",
    "post_character_xp",
    "spend_account_xp",
    "spend_character_xp",
]
