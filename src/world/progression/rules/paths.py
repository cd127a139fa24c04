"""Whether a character may take a path: the one rule `select_path` and the `path` view share."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from world.classes.models import PathStage


def path_problem(
    path, *, highest_level: int, chosen: Mapping[int, object], parent_ids: Collection[int]
) -> str | None:
    """Why the character cannot take `path`, or None when it can.

    `chosen` maps each stage to the path the character took there; `parent_ids` are the paths
    `path` evolves from. A path must be active, the character's highest class level must reach
    its minimum, its stage must have no path yet and, past the first stage, it must follow from
    the path chosen at the stage before.
    """
    if not path.is_active:
        return f"The path {path.name} is not open."
    if path.stage in chosen:
        return (
            f"You already chose {chosen[path.stage].name} as your "
            f"{PathStage(path.stage).label} path."
        )
    if highest_level < path.minimum_level:
        return (
            f"{path.name} needs a class at level {path.minimum_level}; "
            f"your highest is {highest_level}."
        )
    if path.stage > PathStage.PROSPECT:
        previous = chosen.get(path.stage - 1)
        if previous is None:
            return f"Choose your {PathStage(path.stage - 1).label} path before {path.name}."
        if previous.pk not in parent_ids:
            return f"{path.name} does not follow from {previous.name}."
    return None


def next_stage(chosen: Mapping[int, object]) -> int | None:
    """The stage a character chooses next (None past the last one)."""
    stage = max(chosen, default=PathStage.PROSPECT - 1) + 1
    return stage if stage in PathStage.values else None


__all__ = ["next_stage", "path_problem"]
