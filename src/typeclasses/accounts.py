"""Account typeclasses: the player behind the characters, and guests."""

from evennia.accounts.accounts import DefaultAccount, DefaultGuest

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


class Guest(DefaultGuest):
    """A temporary guest account."""
