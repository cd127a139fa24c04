"""Voting settings, read when used, with their defaults (documented in settings.py, VOTING_*)."""

from __future__ import annotations

from django.conf import settings

DEFAULTS = {
    "VOTING_VOTES_PER_WEEK": 5,
    "VOTING_XP_BY_VOTE": (3, 2, 2, 1, 1, 1),
    "VOTING_XP_PER_SCENE": 1,
    "VOTING_SCENE_XP_CAP": 5,
    "VOTING_NEW_PARTNER_XP": 2,
    "VOTING_NEW_PARTNER_WEEKS": 4,
    "VOTING_NEW_PARTNER_CAP": 3,
    "VOTING_HOARD_CAP": None,
    "VOTING_WEEKLY_CHECK_INTERVAL": 3600,
    "VOTING_WEEKLY_WARNING": 600,
}


def setting(name: str):
    return getattr(settings, name, DEFAULTS[name])
