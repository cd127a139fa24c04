"""The character typeclass players puppet."""

from evennia.objects.objects import DefaultCharacter

from .objects import ObjectParent


class Character(ObjectParent, DefaultCharacter):
    """A player character; its progression lives in world.progression."""
