"""Base typeclass for every in-game object of this game."""

from evennia.objects.objects import DefaultObject


class ObjectParent:
    """Mixin shared by all of the game's object typeclasses."""


class Object(ObjectParent, DefaultObject):
    """A thing in the world."""
