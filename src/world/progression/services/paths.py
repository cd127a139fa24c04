"""Choosing a path at a stage milestone."""

from __future__ import annotations

from django.db import transaction
from evennia.objects.models import ObjectDB

from world.classes.models import CharacterClassLevel, Path, PathStage

from ..exceptions import InvalidPathError
from ..models import CharacterPathHistory
from ..models.locks import lock_character


def select_path(character: ObjectDB, path: Path) -> CharacterPathHistory:
    """Record that `character` takes `path`, if it may: the path is active, the character's
    highest class level reaches its minimum, the stage has no path yet, and (past the first
    stage) the path evolves from the path the character chose at the previous stage."""
    with transaction.atomic():
        lock_character(character)
        if not path.is_active:
            raise InvalidPathError(f"The path {path.name} is not open.")
        levels = CharacterClassLevel.objects.filter(character_id=character.pk)
        highest = max(levels.values_list("level", flat=True), default=0)
        if highest < path.minimum_level:
            raise InvalidPathError(
                f"{path.name} needs a class at level {path.minimum_level}; "
                f"your highest is {highest}."
            )
        chosen = {
            entry.path.stage: entry.path
            for entry in CharacterPathHistory.objects.filter(
                character_id=character.pk
            ).select_related("path")
        }
        if path.stage in chosen:
            raise InvalidPathError(
                f"You already chose {chosen[path.stage].name} as your "
                f"{PathStage(path.stage).label} path."
            )
        if path.stage > PathStage.PROSPECT:
            previous = chosen.get(path.stage - 1)
            if previous is None:
                raise InvalidPathError(
                    f"Choose your {PathStage(path.stage - 1).label} path before {path.name}."
                )
            if not path.parent_paths.filter(pk=previous.pk).exists():
                raise InvalidPathError(f"{path.name} does not follow from {previous.name}.")
        return CharacterPathHistory.objects.create(character_id=character.pk, path=path)
