"""The one base of every refusal the game's apps raise, below all of them: each app derives its
own error family from it, and a face that calls more than one app catches this."""

from __future__ import annotations


class GameError(Exception):
    """A refusal a player can read: the message is one line, `code` a stable machine name."""

    code = "game_error"

    def __init__(self, message: str = "", **context):
        super().__init__(message or self.default_message())
        self.context = context

    @property
    def message(self) -> str:
        return str(self)

    def default_message(self) -> str:
        return "That cannot be done."


__all__ = ["GameError"]
