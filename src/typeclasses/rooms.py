"""Room typeclass."""

from evennia.objects.objects import DefaultRoom

from .objects import ObjectParent


class Room(ObjectParent, DefaultRoom):
    """A place characters can be."""

    def msg_contents(self, text=None, exclude=None, from_obj=None, mapping=None, **kwargs):
        # Says and poses reach the room as plain text, and are recorded as written in the
        # room's open scene (if any).
        from world.scenes.hooks import record_room_message, room_message_shown

        shown, shown_mapping = room_message_shown(self, text, from_obj, mapping)
        super().msg_contents(
            text=shown, exclude=exclude, from_obj=from_obj, mapping=shown_mapping, **kwargs
        )
        record_room_message(self, text, from_obj, mapping)
