"""How scene text reaches players: scene names and poses through the one plain-text rule
(world.text), the stored text left as it was written."""

from __future__ import annotations

from textwrap import fill

from world.text import game_text, plain_text

WIDTH = 78


def scene_title(scene) -> str:
    """`#12 'Duel at Dawn'`: the scene's id and its name as plain text, for messages."""
    return f"#{scene.pk} '{plain_text(scene.name)}'"


def game_lines(text: str, *, width: int = WIDTH, indent: str = "") -> str:
    """Plain `text` wrapped to `width` columns and made safe to send through Evennia. It is
    wrapped before `|` is escaped, so a break never falls between the two `|` of one."""
    lines = fill(plain_text(text), width=width, subsequent_indent=indent)
    return lines.replace("|", "||")


def speech_for_others(text, mapping):
    """A say or pose by a character, as the others in the room receive it: the pose (which
    starts with the character's checked name) or the spoken words made plain. Returns the text
    and mapping to send; what was written is recorded as it was."""
    kind = text[1].get("type")
    if kind == "pose":
        return (game_text(text[0]), *text[1:]), mapping
    if kind == "say" and mapping and "speech" in mapping:
        return text, {**mapping, "speech": game_text(str(mapping["speech"]))}
    return text, mapping


__all__ = ["WIDTH", "game_lines", "game_text", "scene_title", "speech_for_others"]
