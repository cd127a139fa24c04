"""Character sheets: everything the progression page shows about each of an account's
characters (classes, traits and their development, paths, goal, own XP, achievements), in one
read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from evennia.objects.models import ObjectDB

from world.classes.models import PathStage

from ..models import CharacterPathHistory
from ..models.achievements import progress_subquery
from ..models.snapshots import character_snapshots
from ..rules.achievements import AchievementStatus
from .accounts import owned_character_ids
from .achievements import achievement_statuses
from .characters import DevelopmentRow, development_overviews, with_character_xp
from .plans import Plan, goals_of


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
    character: object  # annotated with locked_xp and transferable_xp (`with_character_xp`)
    classes: list[ClassLine]  # primary first, then by name
    traits: list[DevelopmentRow]  # by trait name
    paths: list[PathLine]  # in stage order: the last is the current path
    goal: Plan | None
    # Every achievement open to the character (its prerequisites earned), with its progress.
    achievements: list[AchievementStatus]


def character_sheets(account) -> list[CharacterSheet]:
    """The sheet of every character `account` owns, by name, in a fixed number of queries
    whatever the number of characters, traits, classes, paths, unlocks and achievements."""
    owned = ObjectDB.objects.filter(pk__in=owned_character_ids(account))
    # Each one's achievement progress comes in the same query (the contrib's attribute).
    characters = list(
        with_character_xp(owned)
        .annotate(achievement_progress=progress_subquery())
        .order_by("db_key", "pk")
    )
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
    for character_id, stage, name, description, selected_at in (
        CharacterPathHistory.objects.filter(character_id__in=ids)
        .order_by("path__stage", "selected_at")
        .values_list(
            "character_id", "path__stage", "path__name", "path__description", "selected_at"
        )
    ):
        paths[character_id].append(
            PathLine(
                stage=PathStage(stage).label,
                name=name,
                description=description,
                selected_at=selected_at,
            )
        )
    traits = development_overviews(characters, snapshots=snapshots)
    goals = goals_of(characters, account=account, snapshots=snapshots)
    return [
        CharacterSheet(
            character=character,
            classes=classes[character.pk],
            traits=traits[character.pk],
            paths=paths[character.pk],
            goal=goals.get(character.pk),
            achievements=[
                status
                for status in achievement_statuses(character.achievement_progress or {})
                if not status.waiting_for
            ],
        )
        for character in characters
    ]


__all__ = ["CharacterSheet", "ClassLine", "PathLine", "character_sheets"]
