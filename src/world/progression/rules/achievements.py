"""Achievements of Evennia's achievements contrib as the game reads them: the play events the
game reports (each a category and a tracked item, which the definitions in `world.achievements`
name), and a character's standing on each achievement from its progress data. No queries."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from evennia.contrib.game_systems.achievements.achievements import get_achievement
from evennia.utils.utils import is_iter, make_iter


@dataclass(frozen=True)
class PlayEvent:
    """Something that happened in play, reported to the contrib as `category` and `tracking`."""

    category: str
    tracking: str


SCENE_QUALIFIED = PlayEvent("scene", "qualified")  # played a scene the farming guard passed
VOTE_RECEIVED = PlayEvent("vote", "received")
UNLOCK_BOUGHT = PlayEvent("unlock", "bought")
LESSON_GIVEN = PlayEvent("teaching", "given")
PATH_CHOSEN = PlayEvent("path", "chosen")
PLAY_EVENTS = (SCENE_QUALIFIED, VOTE_RECEIVED, UNLOCK_BOUGHT, LESSON_GIVEN, PATH_CHOSEN)


def counts_toward(definition: Mapping, event: PlayEvent) -> bool:
    """True when `event` moves the achievement `definition`: its category and tracked item are
    the event's (an achievement tracking nothing in particular takes any item of its category),
    as the contrib's `track_achievements` matches them."""
    if event.category not in make_iter(definition.get("category", [])):
        return False
    tracking = definition.get("tracking")
    return not tracking or event.tracking in make_iter(tracking)


def open_to(definitions: Mapping[str, Mapping], progress: Mapping, event: PlayEvent) -> list[str]:
    """The keys of the achievements `event` would move for a character whose contrib progress
    is `progress`: not completed, and every prerequisite completed (the contrib's own filter).
    Empty means reporting the event would change nothing, so nothing needs writing."""
    return [
        key
        for key, definition in definitions.items()
        if counts_toward(definition, event)
        and not progress.get(key, {}).get("completed")
        and all(
            progress.get(prereq, {}).get("completed")
            for prereq in make_iter(definition.get("prereqs", []))
        )
    ]


@dataclass(frozen=True)
class AchievementStatus:
    """Where one character stands on one achievement."""

    key: str
    name: str
    description: str
    done: int  # tallies so far (for one tracking items separately: the items complete)
    needed: int
    completed: bool
    waiting_for: tuple[str, ...]  # names of the prerequisites not completed yet

    @property
    def progress_text(self) -> str:
        """ "earned", "3/10", "not started" or "after <prerequisite>"."""
        if self.completed:
            return "earned"
        if self.waiting_for:
            return "after " + ", ".join(self.waiting_for)
        if not self.done:
            return "not started" if self.needed == 1 else f"0/{self.needed}"
        return f"{min(self.done, self.needed)}/{self.needed}"


def achievement_status(key: str, definition: Mapping, progress: Mapping) -> AchievementStatus:
    """`definition` (an achievement of the contrib) as it stands by `progress` (the character's
    contrib progress data, every achievement's)."""
    mine = progress.get(key, {})
    count = definition.get("count", 1) or 1
    tallies = mine.get("progress", 0)
    if is_iter(tallies):  # tracked separately: the items that reached the count
        done, needed = sum(1 for tally in tallies if tally >= count), len(tallies)
    elif definition.get("tracking_type") == "separate" and is_iter(definition.get("tracking")):
        done, needed = 0, len(definition["tracking"])
    else:
        done, needed = tallies or 0, count
    waiting = tuple(
        achievement_name(prereq)
        for prereq in make_iter(definition.get("prereqs", []))
        if not progress.get(prereq, {}).get("completed")
    )
    return AchievementStatus(
        key=key,
        name=definition.get("name", key),
        description=definition.get("desc", ""),
        done=done,
        needed=needed,
        completed=bool(mine.get("completed")),
        waiting_for=waiting,
    )


def achievement_name(key: str) -> str:
    """What players call the achievement `key` (its key again when the game defines none)."""
    definition = get_achievement(key) if key else None
    return definition.get("name", key) if definition else key


__all__ = [
    "LESSON_GIVEN",
    "PATH_CHOSEN",
    "PLAY_EVENTS",
    "SCENE_QUALIFIED",
    "UNLOCK_BOUGHT",
    "VOTE_RECEIVED",
    "AchievementStatus",
    "PlayEvent",
    "achievement_name",
    "achievement_status",
    "counts_toward",
    "open_to",
]
