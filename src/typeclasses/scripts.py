"""Script typeclass."""

from evennia.scripts.scripts import DefaultScript


class Script(DefaultScript):
    """A timed or persistent script."""
