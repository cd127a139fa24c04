"""The one rule for character names, asked by every place a name can be set.

A character's name is how players address each other (`kudos/give Corin`, `page`, relationship
requirements), so it must be unambiguous and inert: unique among characters whatever the case,
and made only of letters, digits, spaces and the punctuation real names use. That keeps Evennia
markup (`|r`, `|/`, `|lc...|le` links), control characters and escape sequences out of every
line that shows a name to someone else.
"""

from __future__ import annotations

import re

MAX_NAME_LENGTH = 30

# A letter first, then letters, digits, single spaces, apostrophes, hyphens and periods.
_NAME = re.compile(r"[^\W\d_](?:[^\W_]|[ '-](?=[^\W_])|\. ?(?=[^\W_]))*\.?")


def character_name_error(name: str, *, exclude_id: int | None = None) -> str | None:
    """Why `name` cannot be a character's name (one readable line), or None if it can.

    `exclude_id` is the character being renamed, which may keep (or re-case) its own name.
    """
    if not isinstance(name, str) or not name.strip():
        return "A character needs a name."
    if name != name.strip():
        return "A character's name cannot start or end with a space."
    if len(name) > MAX_NAME_LENGTH:
        return f"A character's name can be at most {MAX_NAME_LENGTH} characters long."
    if not _NAME.fullmatch(name):
        return (
            "A character's name starts with a letter and uses only letters, digits, single "
            "spaces, apostrophes, hyphens and periods."
        )
    if _name_taken(name, exclude_id=exclude_id):
        return f"A character named '{name}' already exists."
    return None


def _name_taken(name: str, *, exclude_id: int | None) -> bool:
    from evennia.objects.objects import DefaultCharacter

    others = DefaultCharacter.objects.filter_family(db_key__iexact=name)
    if exclude_id is not None:
        others = others.exclude(id=exclude_id)
    return others.exists()


def is_character_typeclass(path: str) -> bool:
    """Whether objects of the typeclass at `path` are characters (and so follow the name rule)."""
    from evennia.objects.objects import DefaultCharacter
    from evennia.utils.utils import class_from_module

    try:
        typeclass = class_from_module(path)
    except ImportError:
        return False
    return isinstance(typeclass, type) and issubclass(typeclass, DefaultCharacter)
