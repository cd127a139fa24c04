"""Account typeclasses: the player behind the characters, and guests."""

from evennia.accounts.accounts import DefaultAccount, DefaultGuest


class Account(DefaultAccount):
    """A player's account; account XP and kudos belong to it."""


class Guest(DefaultGuest):
    """A temporary guest account."""
