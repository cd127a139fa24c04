"""Character sheets: everything the progression page shows about each of an account's
characters (classes, traits and their development, paths, goal, own XP, achievements), in one
read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from evennia.objects.models import ObjectDB

from world.classes.models import PathStage

from ..models import CharacterPathHistory
from ..models.achievements import progress_subquery
from ..models.snapshots import character_snapshots
from ..models.statements import Statement
from ..rules.achievements import AchievementStatus
from .accounts import owned_character_ids_query
from .achievements import achievement_statuses
from .catalogue import unlock_catalogue
from .characters import DevelopmentRow, development_overviews, with_character_xp
from .plans import Plan, goal_subquery, goals_of


@dataclass(frozen=True)
class ClassLine:
    name: str
    level: int
    is_primary: bool


@dataclass(frozen=True)
class PathLine:
    stage: str
    name: str
    description: str
    selected_at: datetime


@dataclass(frozen=True)
class CharacterSheet:
    character: object
    locked_xp: int  # the character's own pools (`with_character_xp`)
    transferable_xp: int
    classes: list[ClassLine]  # primary first, then by name
    traits: list[DevelopmentRow]  # by trait name
    paths: list[PathLine]  # in stage order: the last is the current path
    goal: Plan | None
    # Every achievement open to the character (its prerequisites earned), with its progress.
    achievements: list[AchievementStatus]


def _characters_query(*, accounts):
    owned = ObjectDB.objects.filter(pk__in=owned_character_ids_query(accounts))
    # Each one's achievement progress and goal come in the same query (Evennia attributes).
    return (
        with_character_xp(owned)
        .annotate(achievement_progress=progress_subquery(), goal=goal_subquery())
        .order_by("db_key", "pk")
    )


class _Found(NamedTuple):
    """The columns `_characters_query` annotates, in its order."""

    locked_xp: int
    transferable_xp: int
    achievement_progress: dict | None
    goal: tuple | None


def _paths_query(*, characters):
    return (
        CharacterPathHistory.objects.filter(character_id__in=characters)
        .order_by("path__stage", "selected_at")
        .values_list(
            "character_id", "path__stage", "path__name", "path__description", "selected_at"
        )
    )


# Every page load reads them: compiled once (`models.statements.Statement`), per number of
# characters for the paths; dates and the attributes' stored values converted as the ORM would.
_CHARACTERS = Statement(_characters_query, convert=True)
_PATHS = Statement(_paths_query, convert=True)


def character_sheets(account) -> list[CharacterSheet]:
    """The sheet of every character `account` owns, by name, in a fixed number of queries
    whatever the number of characters, traits, classes, paths, unlocks and achievements."""
    read = _CHARACTERS.instances(ObjectDB, accounts=[account.pk])
    characters = [character for character, _ in read]
    # What was read beside each character (its pools, achievement progress and goal) is kept
    # here, off the instance, which every thread of the process shares.
    found = {character.pk: _Found(*columns) for character, columns in read}
    ids = [character.pk for character in characters]
    # Trait values, class levels and bought unlocks, read once for the sheet and its goal.
    snapshots = character_snapshots(characters)
    classes = {
        pk: sorted(
            (
                ClassLine(
                    name=name,
                    level=snapshot.class_levels[class_id],
                    is_primary=class_id in snapshot.primary_classes,
                )
                for class_id, name in snapshot.class_names.items()
            ),
            key=lambda line: (not line.is_primary, line.name),  # primary first, then by name
        )
        for pk, snapshot in snapshots.items()
    }
    paths: dict[int, list[PathLine]] = {pk: [] for pk in ids}
    for character_id, stage, name, description, selected_at in _PATHS.rows(characters=sorted(ids)):
        paths[character_id].append(
            PathLine(
                stage=PathStage(stage).label,
                name=name,
                description=description,
                selected_at=selected_at,
            )
        )
    catalogue = unlock_catalogue()
    traits = development_overviews(characters, snapshots=snapshots, catalogue=catalogue)
    goals = goals_of(
        characters,
        account=account,
        snapshots=snapshots,
        goals={pk: columns.goal for pk, columns in found.items()},
        catalogue=catalogue,
    )
    return [
        CharacterSheet(
            character=character,
            locked_xp=found[character.pk].locked_xp,
            transferable_xp=found[character.pk].transferable_xp,
            classes=classes[character.pk],
            traits=traits[character.pk],
            paths=paths[character.pk],
            goal=goals.get(character.pk),
            achievements=[
                status
                for status in achievement_statuses(found[character.pk].achievement_progress or {})
                if not status.waiting_for
            ],
        )
        for character in characters
    ]


__all__ = ["CharacterSheet", "ClassLine", "PathLine", "character_sheets"]
