"""The lock every action on a character takes first (it lives with the models; see there)."""

from ..models.locks import lock_character, lock_characters

__all__ = ["lock_character", "lock_characters"]
