"""Choosing a path at a stage milestone."""

from __future__ import annotations

from django.db import transaction
from evennia.objects.models import ObjectDB

from world.classes.models import Path

from ..exceptions import InvalidPathError
from ..models import CharacterPathHistory
from ..models.locks import lock_character
from ..rules.paths import path_problem
from ..selectors.paths import path_facts


def select_path(character: ObjectDB, path: Path) -> CharacterPathHistory:
    """Record that `character` takes `path`, if it may: the path is active, the character's
    highest class level reaches its minimum, the stage has no path yet, and (past the first
    stage) the path evolves from the path the character chose at the previous stage."""
    with transaction.atomic():
        lock_character(character)
        highest, chosen = path_facts(character)
        parents = set(path.parent_paths.values_list("pk", flat=True))
        problem = path_problem(path, highest_level=highest, chosen=chosen, parent_ids=parents)
        if problem:
            raise InvalidPathError(problem)
        return CharacterPathHistory.objects.create(character_id=character.pk, path=path)
