"""Account typeclasses: the player behind the characters, and guests."""

from evennia.accounts.accounts import DefaultAccount, DefaultGuest

from world.progression.commands.notices import away_summary, remember_logout
from world.progression.commands.oob import send_progression
from world.progression.services.ownership import (
    forget_playable_character,
    record_playable_character,
)


class Account(DefaultAccount):
    """A player's account; account XP and kudos belong to it."""

    def at_post_add_character(self, character):
        super().at_post_add_character(character)
        record_playable_character(account=self, character=character)

    def at_post_remove_character(self, character):
        super().at_post_remove_character(character)
        forget_playable_character(account=self, character=character)

    def at_post_login(self, session=None, **kwargs):
        super().at_post_login(session=session, **kwargs)
        if summary := away_summary(self):
            self.msg(summary, session=session)
        # Logging in straight into a character sends the package from its at_post_puppet.
        if session is not None and session.puppet is None:
            send_progression(self, sessions=[session])

    def at_post_disconnect(self, **kwargs):
        super().at_post_disconnect(**kwargs)
        if not self.sessions.count():
            remember_logout(self)


class Guest(DefaultGuest):
    """A temporary guest account."""
