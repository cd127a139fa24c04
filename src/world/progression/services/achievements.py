"""Achievements of Evennia's achievements contrib: counted as play happens (`report_play`), granted
or revoked by staff with a reason, and set back to their ledger by the audit. The only code that
changes a character's achievement progress; each completion gained or lost writes its ledger row
(`models.achievements`), which tells the player once it commits.

Play is counted after the action commits, not inside it: the contrib keeps progress in an
Evennia attribute, whose in-memory cache a rolled-back transaction does not undo, so an action
that rolls back must count nothing, and counting on commit makes it so.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import partial

from django.db import transaction
from evennia.accounts.models import AccountDB
from evennia.contrib.game_systems.achievements.achievements import (
    all_achievements,
    get_achievement,
    track_achievements,
)
from evennia.objects.models import ObjectDB
from evennia.utils import logger

from ..exceptions import AchievementStateError, ProgressionError, UnknownAchievementError
from ..models.achievements import (
    AchievementTransaction,
    forget_cached_progress,
    post_achievement_change,
    post_achievements_earned,
    progress_of,
    read_progress,
    write_progress,
)
from ..models.locks import lock_characters
from ..rules.achievements import PlayEvent, open_to
from ..selectors.achievements import completion_ledger
from ..types import AchievementChange


def report_play(characters: Iterable, event: PlayEvent) -> None:
    """Count `event` toward the achievements of `characters` (objects or ids) once the current
    transaction commits; at once outside a transaction. A rolled-back action counts nothing."""
    characters = list(characters)
    if characters:
        transaction.on_commit(partial(_count_after_commit, characters, event))


def _count_after_commit(characters: list, event: PlayEvent) -> None:
    # The action already committed: a failure here is logged, never the player's action failing.
    try:
        count_play(characters, event)
    except Exception:
        logger.log_trace(f"Achievements: counting {event} for {characters} failed.")


def count_play(characters: Iterable, event: PlayEvent) -> list[AchievementTransaction]:
    """Count `event` for `characters` (objects or ids) now, through the contrib's
    `track_achievements`, and write an EARNED row for each achievement it completes; the rows
    written. Nothing is written when the event moves nothing (every achievement counting it is
    earned), which Evennia's cached attribute tells without a query once it was read."""
    definitions = all_achievements()
    moving = [
        character
        for character in _objects(characters)
        if open_to(definitions, read_progress(character), event)
    ]
    if not moving:
        return []
    with _changing_progress(moving):
        completed = [
            (character.pk, key)
            for character in moving
            for key in track_achievements(
                character, category=event.category, tracking=event.tracking
            )
        ]
        return post_achievements_earned(completed)


def _objects(characters: Iterable) -> list:
    """`characters` as objects, by id: the ids among them read in one query."""
    found = {}
    for character in characters:
        if isinstance(character, int):
            found.setdefault(character, None)
        else:
            found[character.pk] = character
    missing = [pk for pk, character in found.items() if character is None]
    if missing:
        found.update(ObjectDB.objects.in_bulk(missing))
    return [found[pk] for pk in sorted(found) if found[pk] is not None]


def grant_achievement(
    *, character: ObjectDB, key: str, staff: AccountDB | None, reason: str
) -> AchievementTransaction:
    """Complete the achievement `key` for `character`, with `staff`'s reason in the ledger.
    Raises UnknownAchievementError, ProgressionError (no reason) or AchievementStateError (the
    character has it already); nothing changes then."""
    key, definition, text = _checked(key, reason)
    with _changing_progress([character]):
        progress = read_progress(character)
        if progress.get(key, {}).get("completed"):
            raise AchievementStateError(f"{character.key} already has {definition['name']}.")
        progress.setdefault(key, {})["completed"] = True
        write_progress(character, progress)
        return post_achievement_change(
            character.pk, key, AchievementChange.GRANTED, description=text, gm=staff
        )


def revoke_achievement(
    *, character: ObjectDB, key: str, staff: AccountDB | None, reason: str
) -> AchievementTransaction:
    """Take the achievement `key` back from `character`, with `staff`'s reason in the ledger; its
    progress starts again from nothing (play can earn it anew). A class level it opened and
    that was bought stays bought. Raises as `grant_achievement` does (AchievementStateError:
    the character does not have it)."""
    key, definition, text = _checked(key, reason)
    with _changing_progress([character]):
        progress = read_progress(character)
        if not progress.get(key, {}).get("completed"):
            raise AchievementStateError(f"{character.key} does not have {definition['name']}.")
        del progress[key]
        write_progress(character, progress)
        return post_achievement_change(
            character.pk, key, AchievementChange.REVOKED, description=text, gm=staff
        )


def rebuild_achievement(character_id: int, key: str) -> bool:
    """Set one achievement's completion to what its ledger says (`progression_audit --fix`):
    completed when its rows net to one or more, else removed with its progress. True when it
    changed."""
    character = ObjectDB.objects.filter(pk=character_id).first()
    if character is None:
        return False
    with _changing_progress([character]):
        should = completion_ledger([character_id]).get((character_id, key), 0) > 0
        progress = read_progress(character)
        if bool(progress.get(key, {}).get("completed")) == should:
            return False
        if should:
            progress.setdefault(key, {})["completed"] = True
        else:
            progress.pop(key, None)
        write_progress(character, progress)
        return True


@contextmanager
def _changing_progress(characters: list) -> Iterator[None]:
    """One transaction that changes these characters' progress: their rows locked first, then
    any in-memory copy of their progress that differs from the database's dropped (another
    process may have written it), and dropped again if the transaction rolls back."""
    try:
        with transaction.atomic(durable=True):
            lock_characters(character.pk for character in characters)
            stored = progress_of(character.pk for character in characters)
            forget_cached_progress(
                character
                for character in characters
                if read_progress(character) != stored.get(character.pk, {})
            )
            yield
    except BaseException:
        forget_cached_progress(characters)
        raise


def _checked(key: str, reason: str) -> tuple[str, dict, str]:
    """(the key as the contrib keeps it, its definition, the reason) or the refusal."""
    key = (key or "").strip().lower()
    definition = get_achievement(key) if key else None
    if definition is None:
        raise UnknownAchievementError(f"The game has no achievement {key!r}.")
    if not reason or not reason.strip():
        raise ProgressionError("Granting or revoking an achievement needs a reason.")
    return key, definition, reason.strip()


__all__ = [
    "count_play",
    "grant_achievement",
    "rebuild_achievement",
    "report_play",
    "revoke_achievement",
]
