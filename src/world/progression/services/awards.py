"""Awarding XP and development points."""

from __future__ import annotations

from evennia.accounts.models import AccountDB
from evennia.objects.models import ObjectDB

from world.scenes.models import Scene
from world.traits.models import Trait

from ..models import DevelopmentTransaction, ExperiencePointsData, XPTransaction
from ..types import DevelopmentSource, ProgressionReason
from .development import DevelopmentAward, award_development_points_in_bulk
from .xp import award_account_xp, award_character_xp


def award_xp(
    account: AccountDB,
    amount: int,
    reason: str = ProgressionReason.SYSTEM_AWARD,
    description: str = "",
    gm: AccountDB | None = None,
    *,
    character: ObjectDB | None = None,
    idempotency_key: str | None = None,
) -> XPTransaction:
    """Add `amount` XP to the account and record why, in one transaction (the specification's
    signature; up to PROGRESSION_MAX_XP_AWARD at a time)."""
    return award_account_xp(
        account,
        amount,
        reason=reason,
        description=description,
        character=character,
        gm=gm,
        idempotency_key=idempotency_key,
    )


def get_or_create_xp_tracker(account: AccountDB) -> ExperiencePointsData:
    """The account's XP balance row, created at zero if it has none (awards never need this)."""
    return ExperiencePointsData.objects.get_or_create(account=account)[0]


def award_development(
    *,
    character: ObjectDB,
    trait: Trait,
    amount: int,
    source: str = DevelopmentSource.OTHER,
    scene: Scene | None = None,
    reason: str = ProgressionReason.SCENE_AWARD,
    description: str = "",
    gm: AccountDB | None = None,
    idempotency_key: str | None = None,
) -> DevelopmentTransaction:
    """Award development points to one trait (rate modifiers applied) and apply them to the
    trait's value, banking whatever a locked threshold holds back."""
    award = DevelopmentAward(
        character=character,
        trait=trait,
        amount=amount,
        source=source or DevelopmentSource.OTHER,
        idempotency_key=idempotency_key,
    )
    fields = {"reason": reason, "description": description, "scene": scene, "gm": gm}
    return award_development_points_in_bulk([award], **fields)[0]


def award_development_points(
    character: ObjectDB,
    trait: Trait,
    source: str,
    amount: int,
    scene: Scene | None = None,
    reason: str = ProgressionReason.SCENE_AWARD,
    description: str = "",
    gm: AccountDB | None = None,
    *,
    idempotency_key: str | None = None,
) -> DevelopmentTransaction:
    """The specification's positional form of `award_development`."""
    return award_development(
        character=character,
        trait=trait,
        amount=amount,
        source=source,
        scene=scene,
        reason=reason,
        description=description,
        gm=gm,
        idempotency_key=idempotency_key,
    )


__all__ = [
    "award_character_xp",
    "award_development",
    "award_development_points",
    "award_xp",
    "get_or_create_xp_tracker",
]
