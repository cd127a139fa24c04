"""The plain-text rule lives in world.text, below every app that shows players' text; its old
import path stays for the progression faces."""

from world.text import ELLIPSIS, _made_plain, game_text, plain_text

__all__ = ["ELLIPSIS", "_made_plain", "game_text", "plain_text"]
