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

    def credited_account(self):
        """The account this character's play is credited to when nobody is playing it (the
        game's ownership rule, world.progression's `owner_of`); None when it has no owner.
        Scenes ask it through this hook, since they sit below progression."""
        from world.progression.selectors import owner_of

        return owner_of(self)
