"""Every read shared by the faces and the services (no writes); import them from here."""

from ..models.snapshots import CharacterSnapshot, character_snapshot
from .accounts import may_act_for, owned_character_ids, owned_characters, owner_of
from .characters import (
    DevelopmentRow,
    account_named,
    active_kudos_categories,
    active_unlock_record,
    character_holds_progression,
    character_named,
    character_xp_pools,
    characters_with_xp,
    development_overview,
    development_overviews,
    kudos_claim_category_named,
    kudos_source_category_named,
    path_history,
    trait_named,
    unlock_named,
    with_character_xp,
)
from .costs import CostTable, class_level_cost, trait_rating_cost
from .dashboard import (
    DASHBOARD_DEFAULT_LIMIT,
    DASHBOARD_MAX_LIMIT,
    account_dashboard,
    character_xp_history,
    kudos_history,
    weekly_earnings,
    xp_history,
)
from .reports import economy_report

__all__ = [
    "DASHBOARD_DEFAULT_LIMIT",
    "DASHBOARD_MAX_LIMIT",
    "CharacterSnapshot",
    "CostTable",
    "DevelopmentRow",
    "account_dashboard",
    "account_named",
    "active_kudos_categories",
    "active_unlock_record",
    "character_holds_progression",
    "character_named",
    "character_snapshot",
    "character_xp_history",
    "character_xp_pools",
    "characters_with_xp",
    "class_level_cost",
    "development_overview",
    "development_overviews",
    "economy_report",
    "kudos_claim_category_named",
    "kudos_history",
    "kudos_source_category_named",
    "may_act_for",
    "owned_character_ids",
    "owned_characters",
    "owner_of",
    "path_history",
    "trait_named",
    "trait_rating_cost",
    "unlock_named",
    "weekly_earnings",
    "with_character_xp",
    "xp_history",
]
