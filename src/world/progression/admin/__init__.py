"""The progression admin, one module per concern mirroring models/; importing registers them."""

from . import (
    achievements,
    approvals,
    character_xp,
    development,
    kudos,
    ownership,
    paths,
    requirements,
    rewards,
    standings,
    unlocks,
)
from .achievements import AchievementTransactionAdmin
from .approvals import StaffApprovalRequestAdmin
from .character_xp import CharacterXPAdmin, CharacterXPTransactionAdmin
from .development import DevelopmentPointsAdmin, DevelopmentTransactionAdmin
from .kudos import (
    KudosClaimCategoryAdmin,
    KudosPointsDataAdmin,
    KudosRewardRequestAdmin,
    KudosSourceCategoryAdmin,
    KudosTransactionAdmin,
)
from .ownership import CharacterOwnerAdmin
from .paths import CharacterPathHistoryAdmin
from .requirements import (
    AchievementRequirementAdmin,
    ClassLevelRequirementAdmin,
    LevelRequirementAdmin,
    MultiClassLevelInline,
    MultiClassRequirementAdmin,
    RelationshipRequirementAdmin,
    TierRequirementAdmin,
    TraitRequirementAdmin,
)
from .rewards import ExperiencePointsDataAdmin, XPTransactionAdmin
from .standings import CharacterClassLevelAdmin, CharacterTraitValueAdmin
from .unlocks import (
    CharacterUnlockAdmin,
    ClassLevelUnlockAdmin,
    ClassXPCostAdmin,
    TraitRatingUnlockAdmin,
    TraitXPCostAdmin,
    XPCostChartAdmin,
    XPCostEntryInline,
)

__all__ = [
    "AchievementRequirementAdmin",
    "AchievementTransactionAdmin",
    "CharacterClassLevelAdmin",
    "CharacterOwnerAdmin",
    "CharacterPathHistoryAdmin",
    "CharacterTraitValueAdmin",
    "CharacterUnlockAdmin",
    "CharacterXPAdmin",
    "CharacterXPTransactionAdmin",
    "ClassLevelRequirementAdmin",
    "ClassLevelUnlockAdmin",
    "ClassXPCostAdmin",
    "DevelopmentPointsAdmin",
    "DevelopmentTransactionAdmin",
    "ExperiencePointsDataAdmin",
    "KudosClaimCategoryAdmin",
    "KudosPointsDataAdmin",
    "KudosRewardRequestAdmin",
    "KudosSourceCategoryAdmin",
    "KudosTransactionAdmin",
    "LevelRequirementAdmin",
    "MultiClassLevelInline",
    "MultiClassRequirementAdmin",
    "RelationshipRequirementAdmin",
    "StaffApprovalRequestAdmin",
    "TierRequirementAdmin",
    "TraitRatingUnlockAdmin",
    "TraitRequirementAdmin",
    "TraitXPCostAdmin",
    "XPCostChartAdmin",
    "XPCostEntryInline",
    "XPTransactionAdmin",
    "achievements",
    "approvals",
    "character_xp",
    "development",
    "kudos",
    "ownership",
    "paths",
    "requirements",
    "rewards",
    "standings",
    "unlocks",
]
