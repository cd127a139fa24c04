"""Room typeclass."""

from evennia.objects.objects import DefaultRoom

from .objects import ObjectParent


class Room(ObjectParent, DefaultRoom):
    """A place characters can be."""

    def msg_contents(self, text=None, exclude=None, from_obj=None, mapping=None, **kwargs):
        super().msg_contents(
            text=text, exclude=exclude, from_obj=from_obj, mapping=mapping, **kwargs
        )
        # Says and poses here are recorded in the room's open scene (if any).
        from world.scenes.hooks import record_room_message

        record_room_message(self, text, from_obj, mapping)
