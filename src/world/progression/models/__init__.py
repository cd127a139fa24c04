"""The progression models, one module per concern; import them from here."""

from .achievements import AchievementTransaction
from .approvals import ApprovalPool, ApprovalStatus, StaffAction, StaffApprovalRequest
from .catalogue import CatalogueVersion, bump_catalogue_version
from .character_xp import CharacterXP, CharacterXPTransaction
from .development import DevelopmentPoints, DevelopmentTransaction
from .kudos import (
    KudosClaimCategory,
    KudosPointsData,
    KudosRewardKind,
    KudosRewardRequest,
    KudosRewardRequestStatus,
    KudosSourceCategory,
    KudosTransaction,
)
from .ownership import CharacterOwner
from .paths import CharacterPathHistory
from .requirements import (
    REQUIREMENT_MODELS,
    AbstractClassLevelRequirement,
    AchievementRequirement,
    ClassLevelRequirement,
    LevelRequirement,
    MultiClassLevel,
    MultiClassRequirement,
    RelationshipRequirement,
    TierRequirement,
    TraitRequirement,
)
from .rewards import ExperiencePointsData, XPTransaction
from .standings import ClassLevelTransaction, TraitValueTransaction
from .unlocks import (
    CharacterUnlock,
    ClassLevelUnlock,
    ClassXPCost,
    TraitRatingUnlock,
    TraitXPCost,
    XPCostChart,
    XPCostEntry,
)

__all__ = [
    "REQUIREMENT_MODELS",
    "AbstractClassLevelRequirement",
    "AchievementRequirement",
    "AchievementTransaction",
    "ApprovalPool",
    "ApprovalStatus",
    "CatalogueVersion",
    "CharacterOwner",
    "CharacterPathHistory",
    "CharacterUnlock",
    "CharacterXP",
    "CharacterXPTransaction",
    "ClassLevelRequirement",
    "ClassLevelTransaction",
    "ClassLevelUnlock",
    "ClassXPCost",
    "DevelopmentPoints",
    "DevelopmentTransaction",
    "ExperiencePointsData",
    "KudosClaimCategory",
    "KudosPointsData",
    "KudosRewardKind",
    "KudosRewardRequest",
    "KudosRewardRequestStatus",
    "KudosSourceCategory",
    "KudosTransaction",
    "LevelRequirement",
    "MultiClassLevel",
    "MultiClassRequirement",
    "RelationshipRequirement",
    "StaffAction",
    "StaffApprovalRequest",
    "TierRequirement",
    "TraitRatingUnlock",
    "TraitRequirement",
    "TraitValueTransaction",
    "TraitXPCost",
    "XPCostChart",
    "XPCostEntry",
    "XPTransaction",
    "bump_catalogue_version",
]
