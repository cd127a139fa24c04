"""Public service functions of the progression system: the only code that changes balances.

Import from here; the modules behind are split by concern.
"""

from .achievements import grant_achievement, report_play, revoke_achievement
from .audit import rebuild_balances
from .awards import (
    award_character_xp,
    award_development,
    award_development_points,
    award_xp,
    get_or_create_xp_tracker,
)
from .cg_conversion import award_cg_conversion_xp
from .corrections import correct_account_xp
from .development import (
    DevelopmentAward,
    award_development_points_in_bulk,
    release_banked_development_points,
)
from .kudos import (
    InsufficientKudosError,
    award_kudos,
    cancel_kudos_reward,
    claim_kudos,
    deliver_kudos_reward,
    is_staff_account,
)
from .kudos_giving import give_kudos, gives_left_this_week
from .paths import select_path
from .scene_integration import (
    award_scene_development_points,
    calculate_automatic_scene_awards,
    get_development_suggestions_for_character,
)
from .spends import (
    calculate_level_up_requirements,
    check_requirements_for_unlock,
    get_available_unlocks_for_character,
    owning_account,
    purchase_unlock,
    refund_unlock,
    spend_xp_on_unlock,
    why_not_next,
)

__all__ = [
    "DevelopmentAward",
    "InsufficientKudosError",
    "award_cg_conversion_xp",
    "award_character_xp",
    "award_development",
    "award_development_points",
    "award_development_points_in_bulk",
    "award_kudos",
    "award_scene_development_points",
    "award_xp",
    "calculate_automatic_scene_awards",
    "calculate_level_up_requirements",
    "cancel_kudos_reward",
    "check_requirements_for_unlock",
    "claim_kudos",
    "correct_account_xp",
    "deliver_kudos_reward",
    "get_available_unlocks_for_character",
    "get_development_suggestions_for_character",
    "get_or_create_xp_tracker",
    "give_kudos",
    "gives_left_this_week",
    "grant_achievement",
    "is_staff_account",
    "owning_account",
    "purchase_unlock",
    "rebuild_balances",
    "refund_unlock",
    "release_banked_development_points",
    "report_play",
    "revoke_achievement",
    "select_path",
    "spend_xp_on_unlock",
    "why_not_next",
]
