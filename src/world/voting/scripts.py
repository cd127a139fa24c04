"""The Evennia Script that pays each week's votes and scenes once the week is over, and warns
the players online a little before it does."""

from __future__ import annotations

import evennia
from django.utils import timezone
from evennia.scripts.scripts import DefaultScript
from twisted.internet import reactor

from .conf import setting
from .rules import next_run, week_of
from .services import pay_due_weeks


class WeeklyVotesScript(DefaultScript):
    """Every VOTING_WEEKLY_CHECK_INTERVAL seconds, pays every week that ended since the last run.
    When the current week ends before the next check, it also sets a timer for the week's end,
    and one VOTING_WEEKLY_WARNING seconds earlier to tell the players online. Paying is keyed per
    account and week, so a timer and a check both running pay nobody twice, and a server that
    was down on Monday pays when it comes back. Started by GLOBAL_SCRIPTS."""

    # Twisted's clock the timers are set on (a test gives it a task.Clock to turn by hand).
    clock = reactor

    def at_script_creation(self):
        self.key = "weekly_votes"
        self.desc = "Pays last week's votes and scenes as account XP"
        self.interval = setting("VOTING_WEEKLY_CHECK_INTERVAL")
        self.persistent = True

    def at_repeat(self, **kwargs):
        pay_due_weeks()
        self.schedule_the_weeks_end(timezone.now())

    def schedule_the_weeks_end(self, now) -> None:
        """Set the warning and the run for the end of `now`'s week if it comes before the next
        check (once per week: timers live in memory, so a restart sets them again)."""
        warning = setting("VOTING_WEEKLY_WARNING")
        # (a script not started yet has no interval: -1)
        interval = max(self.interval or 0, 0) or setting("VOTING_WEEKLY_CHECK_INTERVAL")
        moments = next_run(now, within=interval + warning, warning=warning)
        week = week_of(now)
        if moments is None or self.ndb.scheduled_week == week:
            return
        self.ndb.scheduled_week = week
        until_warning, until_run = moments
        self.clock.callLater(until_warning, announce_weekly_run, until_run - until_warning)
        self.clock.callLater(until_run, pay_due_weeks)


def announce_weekly_run(seconds: float) -> None:
    """Tell every logged-in player that the weekly run pays in `seconds`."""
    minutes = max(1, round(seconds / 60))
    text = (
        f"|yThe weekly run pays this week's votes and scenes in {minutes} "
        f"minute{'s' if minutes != 1 else ''}.|n"
    )
    handler = evennia.SESSION_HANDLER
    for session in handler.get_sessions() if handler is not None else ():
        if session.logged_in:
            session.msg(text)
