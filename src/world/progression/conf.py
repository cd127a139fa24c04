"""The progression settings, read in one place: each `PROGRESSION_<NAME>` setting with its default.

`progression_settings.NAME` reads `settings.PROGRESSION_NAME` on each access (so tests and staff
can override it) and falls back to the default below. Every tunable rate, cap and limit of the
progression system is listed here.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    # The largest amount one operation may move. They keep a typo or a hostile request from
    # pushing a balance past what the database columns hold (see rules.amounts.BALANCE_LIMIT).
    "MAX_XP_AWARD": 10_000,  # account or character XP in one award, correction or refund
    "MAX_KUDOS_AWARD": 1_000,  # kudos in one award
    "MAX_KUDOS_CLAIM": 100_000,  # kudos in one claim
    "MAX_DEVELOPMENT_AWARD": 1_000,  # development points in one award
    # Players thanking each other (kudos/give).
    "KUDOS_GIVE_CATEGORY": "thanks",
    "KUDOS_GIVES_PER_WEEK": 5,
    # Scene rewards: development points per recorded use of a trait in a scene, the most one
    # trait can earn from one scene, and the points for taking part at all.
    "SCENE_POINTS_PER_USE": 2,
    "SCENE_CAP_PER_TRAIT": 6,
    "SCENE_PARTICIPATION_POINTS": 1,
    # The farming guard. A finished scene earns development (and counts toward the weekly scene
    # bonus) only when at least two different players (accounts that are not one player by the
    # alt rule, `selectors.players`) each posed at least SCENE_MIN_POSES times in it, and it
    # lasted at least SCENE_MIN_MINUTES from its start to its last pose (so neither a burst of
    # scenes nor the idle-scene script ending one late makes it count). What a character earns
    # from scenes in an ISO week is capped per trait (SCENE_WEEKLY_CAP_PER_TRAIT) and in all
    # (SCENE_WEEKLY_CAP), which bounds the damage of an alt nobody has detected.
    "SCENE_MIN_POSES": 3,
    "SCENE_MIN_MINUTES": 15,
    "SCENE_WEEKLY_CAP_PER_TRAIT": 12,
    "SCENE_WEEKLY_CAP": 30,
    # Economy report: kudos mostly from one other account are flagged.
    "REPORT_SINGLE_SOURCE_SHARE": 0.6,
    "REPORT_SINGLE_SOURCE_MINIMUM": 5,
    # Training (`train <character> = <trait>`): a teacher whose trait is at least TRAINING_MIN_GAP
    # above the student's (10 = one full rating) may teach that student once an ISO week; the
    # student earns TRAINING_POINTS development points (source TEACHING, distinctions applied)
    # and the teacher's account TRAINING_TEACHER_XP XP for the time spent.
    "TRAINING_MIN_GAP": 10,
    "TRAINING_POINTS": 5,
    "TRAINING_TEACHER_XP": 1,
    # Text one player writes and another reads is shown on one line of at most this length.
    "MAX_SHOWN_TEXT": 200,
    # Two-person approval. A staff award, correction or refund that moves more than the pool's
    # threshold (the size of the amount, so a -100 correction counts as 100) waits as a request
    # until a second staff member, who is not the requester's player, approves it. A pool left
    # out (or None) needs no approval. "refund" is the XP a refund gives back, to whichever pools
    # paid; "trait_value" is on the 1-100 scale (10 = one rating). Requests expire after
    # APPROVAL_HOURS.
    "APPROVAL_THRESHOLDS": {
        "account_xp": 50,
        "character_xp": 50,
        "kudos": 50,
        "development": 30,
        "trait_value": 10,
        "class_level": 1,
        "refund": 50,
    },
    "APPROVAL_HOURS": 48,
}


class _ProgressionSettings:
    def __getattr__(self, name: str) -> Any:
        if name not in DEFAULTS:
            raise AttributeError(f"No progression setting {name!r}")
        return getattr(settings, f"PROGRESSION_{name}", DEFAULTS[name])


progression_settings = _ProgressionSettings()

__all__ = ["DEFAULTS", "progression_settings"]
