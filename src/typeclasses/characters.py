"""The character typeclass players puppet."""

from evennia.objects.objects import DefaultCharacter

from .names import character_name_error
from .objects import ObjectParent


class Character(ObjectParent, DefaultCharacter):
    """A player character; its progression lives in world.progression."""

    @classmethod
    def validate_name(cls, name, account=None):
        # Evennia checks uniqueness only when an account creates the character; the game's
        # rule holds for every character (charcreate, the website, account creation, scripts).
        return character_name_error(name)
