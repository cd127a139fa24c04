"""The one lock order of the progression system: a character's row first, then its pools.

Every action that changes a character's progression (a purchase, a refund, a path selection, a
development award from any entry point, a scene's awards) calls `lock_characters` first, inside
its transaction, so two actions on one character run one after the other and no two actions
wait on each other in opposite orders. Balances are then changed by the ledger's conditional
UPDATEs. It is a storage operation, so the specification's model methods take it too.

Locks are FOR NO KEY UPDATE: they serialise writers just the same, but do not block other
transactions inserting rows that point at the character (a plain FOR UPDATE deadlocked against
those foreign-key checks under the soak test). SQLite cannot lock rows: there every
transaction begins as the one writer (BEGIN IMMEDIATE, see the settings), so the transaction
already is the lock and no statement is sent for it.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from evennia.objects.models import ObjectDB

from .statements import Statement


def lock_characters(character_ids: Iterable[int]) -> None:
    """Lock the rows of these characters, in primary-key order, until the transaction ends.

    Must run inside the action's transaction (the action is its boundary).
    """
    ids = sorted(set(character_ids))
    if not ids:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("lock_characters must run inside the action's transaction.")
    if not connection.features.has_select_for_update:
        return
    _LOCK.rows(characters=ids)


_LOCK = Statement(
    lambda *, characters: (
        ObjectDB.objects.select_for_update(no_key=True)
        .filter(pk__in=characters)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
)


def lock_character(character) -> None:
    """Lock one character's row (see `lock_characters`)."""
    lock_characters([character.pk])


__all__ = ["lock_character", "lock_characters"]
