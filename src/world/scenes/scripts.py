"""The Evennia Script that ends scenes left open and idle, with their awards."""

from __future__ import annotations

from evennia.scripts.scripts import DefaultScript

from .conf import setting
from .services import finish_idle_scenes


class IdleScenesScript(DefaultScript):
    """Every SCENES_IDLE_CHECK_INTERVAL seconds, finishes the scenes nobody has posed in for
    SCENES_IDLE_MINUTES. Started by GLOBAL_SCRIPTS (server/conf/settings.py)."""

    def at_script_creation(self):
        self.key = "idle_scenes"
        self.desc = "Finishes idle scenes and hands out their awards"
        self.interval = setting("SCENES_IDLE_CHECK_INTERVAL")
        self.persistent = True

    def at_repeat(self, **kwargs):
        finish_idle_scenes()
