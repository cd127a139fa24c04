"""Base typeclass for every in-game object of this game."""

from evennia.objects.objects import DefaultObject


class ObjectParent:
    """Mixin shared by all of the game's object typeclasses."""

    def format_appearance(self, appearance, looker, **kwargs):
        """What `look` shows fits 80 columns: a line that long names (or a description) widen
        is wrapped at spaces."""
        from world.text_table import fit_lines

        return fit_lines(super().format_appearance(appearance, looker, **kwargs), 80)


class Object(ObjectParent, DefaultObject):
    """A thing in the world."""
