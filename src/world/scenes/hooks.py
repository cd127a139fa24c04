"""The one place the game's speech reaches scenes: Evennia's `say` (Character.at_say) and
`pose`/`emote` (CmdPose) both end in the room's `msg_contents` with a message of type "say" or
"pose", from the character who spoke; the room typeclass hands such messages here, to be made
plain for the others in the room and recorded, as written, in its open scene."""

from __future__ import annotations

from evennia.objects.objects import DefaultCharacter

from .services import record_message
from .shown import speech_for_others

RECORDED_TYPES = frozenset({"say", "pose"})


def is_speech(room, text, from_obj) -> bool:
    """Whether `text` is a say or pose by a character in `room`."""
    if not isinstance(text, tuple | list) or len(text) < 2 or not isinstance(text[1], dict):
        return False
    if text[1].get("type") not in RECORDED_TYPES:
        return False
    return isinstance(from_obj, DefaultCharacter) and from_obj.location == room


def room_message_shown(room, text, from_obj, mapping):
    """The text and mapping `room` sends its contents: a say or pose made plain, else as is."""
    if not is_speech(room, text, from_obj):
        return text, mapping
    return speech_for_others(text, mapping)


def record_room_message(room, text, from_obj, mapping) -> None:
    """Record `text` in `room`'s open scene when it is a say or pose by a character there."""
    if not is_speech(room, text, from_obj):
        return
    record_message(room=room, character=from_obj, content=_as_seen_by_nobody(text[0], mapping))


def _as_seen_by_nobody(message, mapping) -> str:
    # A say's text is a template ('{object} says, "{speech}"'); fill it with plain names, as
    # a bystander who knows nobody would read it.
    message = str(message)
    if not mapping:
        return message
    names = {key: getattr(value, "key", value) for key, value in mapping.items()}
    try:
        return message.format_map(names)
    except (KeyError, ValueError, IndexError, AttributeError):
        return message
