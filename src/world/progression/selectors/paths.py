"""A character's paths: what it chose at each stage, and what it may choose next."""

from __future__ import annotations

from dataclasses import dataclass

from world.classes.models import CharacterClassLevel, Path

from ..models import CharacterPathHistory
from ..rules.paths import next_stage, path_problem


@dataclass(frozen=True)
class PathOption:
    path: Path
    problem: str | None  # why the character cannot take it now (None: it can)


@dataclass(frozen=True)
class PathChoices:
    history: list  # CharacterPathHistory rows, in stage order
    stage: int | None  # the stage chosen next (None: every stage is chosen)
    options: list[PathOption]


def path_named(name: str) -> Path | None:
    """The path called `name` (case-insensitive), or None."""
    return Path.objects.filter(name__iexact=name.strip()).first() if name.strip() else None


def path_facts(character) -> tuple[int, dict[int, Path]]:
    """(highest class level, {stage: path chosen}) for `character`."""
    levels = CharacterClassLevel.objects.filter(character_id=character.pk)
    highest = max(levels.values_list("level", flat=True), default=0)
    chosen = {
        entry.path.stage: entry.path
        for entry in CharacterPathHistory.objects.filter(character_id=character.pk).select_related(
            "path"
        )
    }
    return highest, chosen


def why_not_path(character, path: Path) -> str | None:
    """What stands between `character` and taking `path` now (None: nothing), by the rule
    `services.paths.select_path` applies."""
    highest, chosen = path_facts(character)
    parents = set(path.parent_paths.values_list("pk", flat=True))
    return path_problem(path, highest_level=highest, chosen=chosen, parent_ids=parents)


def path_choices(character) -> PathChoices:
    """The character's path history and the active paths of its next stage, each with what
    stands in its way (`rules.paths.path_problem`), in a fixed number of queries."""
    highest, chosen = path_facts(character)
    history = list(
        CharacterPathHistory.objects.filter(character_id=character.pk)
        .select_related("path")
        .order_by("path__stage", "selected_at")
    )
    stage = next_stage(chosen)
    options = []
    if stage is not None:
        paths = Path.objects.filter(stage=stage, is_active=True).prefetch_related("parent_paths")
        for path in paths.order_by("name"):
            parents = {parent.pk for parent in path.parent_paths.all()}
            problem = path_problem(path, highest_level=highest, chosen=chosen, parent_ids=parents)
            options.append(PathOption(path=path, problem=problem))
    return PathChoices(history=history, stage=stage, options=options)


__all__ = [
    "PathChoices",
    "PathOption",
    "path_choices",
    "path_facts",
    "path_named",
    "why_not_path",
]
