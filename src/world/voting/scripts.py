"""The Evennia Script that pays each week's votes and scenes once the week is over."""

from __future__ import annotations

from django.utils import timezone
from evennia.scripts.scripts import DefaultScript

from .conf import setting
from .rules import previous_week
from .services import pay_week


class WeeklyVotesScript(DefaultScript):
    """Every VOTING_WEEKLY_CHECK_INTERVAL seconds, pays the last finished ISO week. Paying is
    keyed per account and week, so every run after the first in a week pays nobody again, and
    a server that was down on Monday pays when it comes back. Started by GLOBAL_SCRIPTS."""

    def at_script_creation(self):
        self.key = "weekly_votes"
        self.desc = "Pays last week's votes and scenes as account XP"
        self.interval = setting("VOTING_WEEKLY_CHECK_INTERVAL")
        self.persistent = True

    def at_repeat(self, **kwargs):
        pay_week(week=previous_week(timezone.now()))
