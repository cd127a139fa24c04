"""Setting a character's goal: the unlock its player is saving for (nothing is spent)."""

from __future__ import annotations

from evennia.objects.models import ObjectDB

from ..rules.unlocks import unlock_kind
from ..selectors.plans import GOAL_ATTRIBUTE


def set_goal(*, character: ObjectDB, unlock) -> None:
    """Make `unlock` the character's goal (None clears it)."""
    key, category = GOAL_ATTRIBUTE
    if unlock is None:
        character.attributes.remove(key, category=category)
        return
    character.attributes.add(key, (unlock_kind(unlock), unlock.pk), category=category)


__all__ = ["set_goal"]
