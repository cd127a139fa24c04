"""The plain-text rule lives in world.text, below every app that shows players' text; its old
import path stays for the progression faces."""

from world.text import ELLIPSIS, _made_plain, game_text, plain_text


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """'1 vote', '5 votes', '0 votes': a number with its noun in the right form."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


__all__ = ["ELLIPSIS", "_made_plain", "counted", "game_text", "plain_text"]
