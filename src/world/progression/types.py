"""Enums and result types of the progression system."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:
    from .models import KudosPointsData, KudosTransaction, XPTransaction


class UnlockType(models.TextChoices):
    LEVEL = "level", "Class level"
    SKILL_RATING = "skill_rating", "Skill rating"
    STAT_RATING = "stat_rating", "Stat rating"
    ABILITY = "ability", "Ability"
    OTHER = "other", "Other"


class DevelopmentSource(models.TextChoices):
    SCENE = "scene", "Scene"
    TRAINING = "training", "Training"
    PRACTICE = "practice", "Practice"
    TEACHING = "teaching", "Teaching"
    QUEST = "quest", "Quest"
    EXPLORATION = "exploration", "Exploration"
    CRAFTING = "crafting", "Crafting"
    COMBAT = "combat", "Combat"
    SOCIAL = "social", "Social"
    OTHER = "other", "Other"


class ProgressionReason(models.TextChoices):
    XP_PURCHASE = "xp_purchase", "XP purchase"
    CG_CONVERSION = "cg_conversion", "Character creation conversion"
    SCENE_AWARD = "scene_award", "Scene award"
    GM_AWARD = "gm_award", "GM award"
    SYSTEM_AWARD = "system_award", "System award"
    REFUND = "refund", "Refund"
    CORRECTION = "correction", "Correction"
    KUDOS_CLAIM = "kudos_claim", "Kudos claim"
    OTHER = "other", "Other"


class HistoryKind(models.TextChoices):
    """The ledgers a player's history merges (selectors.history)."""

    ACCOUNT_XP = "account_xp", "Account XP"
    CHARACTER_XP = "character_xp", "Character XP"
    KUDOS = "kudos", "Kudos"
    DEVELOPMENT = "development", "Development"
    PURCHASE = "purchase", "Purchases"
    TRAIT_VALUE = "trait_value", "Trait values"
    CLASS_LEVEL = "class_level", "Class levels"
    ACHIEVEMENT = "achievement", "Achievements"


class AchievementChange(models.TextChoices):
    """How an achievement's completion changed (the reason of an AchievementTransaction)."""

    EARNED = "earned", "Earned in play"
    GRANTED = "granted", "Granted by staff"
    REVOKED = "revoked", "Revoked by staff"


@dataclass(frozen=True)
class AwardResult:
    points_data: KudosPointsData
    transaction: KudosTransaction


@dataclass(frozen=True)
class ClaimResult:
    points_data: KudosPointsData
    transaction: KudosTransaction
    reward_amount: int
    # The account XP credited in the same transaction when the claim category is "xp".
    xp_transaction: XPTransaction | None = None
