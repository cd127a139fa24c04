"""Channel typeclass."""

from evennia.comms.comms import DefaultChannel


class Channel(DefaultChannel):
    """A communication channel."""
