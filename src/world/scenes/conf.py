"""Scene settings, read when used (so tests and staff can change them) with their defaults.

The values and the reasons for them are documented beside their defaults in
server/conf/settings.py (SCENES_*)."""

from __future__ import annotations

from django.conf import settings

DEFAULTS = {
    # A scene nobody has posed in for this many minutes is finished by the idle-scene script.
    "SCENES_IDLE_MINUTES": 120,
    # How often (seconds) the idle-scene script looks for idle scenes.
    "SCENES_IDLE_CHECK_INTERVAL": 600,
    # Trait checks: CHECK_DICE dice of CHECK_DIE_SIDES sides, plus the trait's rating (its
    # stored 0-100 value divided by ten, rounded down), against a difficulty.
    "SCENES_CHECK_DICE": 2,
    "SCENES_CHECK_DIE_SIDES": 6,
    "SCENES_CHECK_DEFAULT_DIFFICULTY": 8,
    "SCENES_CHECK_MAX_DIFFICULTY": 30,
    # scene/log: poses a page, and the characters of each shown before it is cut short.
    "SCENES_LOG_PAGE_SIZE": 10,
    "SCENES_LOG_POSE_LENGTH": 300,
}


def setting(name: str) -> int:
    return getattr(settings, name, DEFAULTS[name])
