"""Choosing a path at a stage milestone."""

from __future__ import annotations

from django.db import transaction
from evennia.objects.models import ObjectDB

from world.classes.models import Path

from ..exceptions import InvalidPathError
from ..models import CharacterPathHistory
from ..models.locks import lock_character
from ..rules.achievements import PATH_CHOSEN
from ..selectors.paths import why_not_path
from .achievements import report_play


def select_path(character: ObjectDB, path: Path) -> CharacterPathHistory:
    """Record that `character` takes `path`, if it may: the path is active, the character's
    highest class level reaches its minimum, the stage has no path yet, and (past the first
    stage) the path evolves from the path the character chose at the previous stage."""
    with transaction.atomic():
        lock_character(character)
        if problem := why_not_path(character, path):
            raise InvalidPathError(problem)
        chosen = CharacterPathHistory.objects.create(character_id=character.pk, path=path)
        report_play([character], PATH_CHOSEN)
        return chosen
