"""Awarding XP and development points."""

from __future__ import annotations

from ..models import (
    CharacterXPTransaction,
    DevelopmentTransaction,
    ExperiencePointsData,
    XPTransaction,
)
from ..types import DevelopmentSource, ProgressionReason
from .development import DevelopmentAward, award_development_points_in_bulk
from .xp import post_account_xp, post_character_xp, require_positive_amount


def award_xp(
    account,
    amount: int,
    reason: str = ProgressionReason.SYSTEM_AWARD,
    description: str = "",
    gm=None,
    *,
    character=None,
    idempotency_key: str | None = None,
) -> XPTransaction:
    """Add `amount` XP to the account and record why, in one transaction."""
    require_positive_amount(amount)
    return post_account_xp(
        account,
        amount,
        reason=reason,
        description=description,
        character=character,
        gm=gm,
        idempotency_key=idempotency_key,
    ).transaction


def award_character_xp(
    character,
    amount: int,
    *,
    transferable: bool = True,
    reason: str = ProgressionReason.SYSTEM_AWARD,
    description: str = "",
    gm=None,
    idempotency_key: str | None = None,
) -> CharacterXPTransaction:
    """Add `amount` XP to one of the character's pools (locked or transferable)."""
    require_positive_amount(amount)
    return post_character_xp(
        character,
        amount,
        transferable=transferable,
        reason=reason,
        description=description,
        gm=gm,
        idempotency_key=idempotency_key,
    ).transaction


def get_or_create_xp_tracker(account) -> ExperiencePointsData:
    """The account's XP balance row, created at zero if it has none (awards never need this)."""
    return ExperiencePointsData.objects.get_or_create(account=account)[0]


def award_development_points(
    character,
    trait,
    source: str,
    amount: int,
    scene=None,
    reason: str = ProgressionReason.SCENE_AWARD,
    description: str = "",
    gm=None,
    *,
    idempotency_key: str | None = None,
    apply_rate_modifiers: bool = True,
) -> DevelopmentTransaction:
    """Award development points to one trait (rate modifiers applied) and apply them to the
    trait's value, banking whatever a locked threshold holds back."""
    return award_development_points_in_bulk(
        [
            DevelopmentAward(
                character=character,
                trait=trait,
                amount=amount,
                source=source or DevelopmentSource.OTHER,
                idempotency_key=idempotency_key,
            )
        ],
        reason=reason,
        description=description,
        scene=scene,
        gm=gm,
        apply_rate_modifiers=apply_rate_modifiers,
    )[0]
