"""The ledger rows a transaction wrote, announced once it commits: the one place every change to
a player's numbers passes through, so whatever tells players (the game's notices, GMCP) listens
here instead of each service remembering to.

Rows are gathered per transaction and sent together by `ledger_rows_committed` after the
outermost commit; a transaction that rolls back sends nothing. A row written inside a savepoint
that was rolled back while the transaction went on is still in the batch: listeners read the
rows back (`selectors.history.account_history(only=...)`), which leaves it out.

In a test that runs inside one transaction, rows written before
`django_capture_on_commit_callbacks` join a batch whose hook never runs: write the set-up inside
a capture too when what it writes matters.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models, transaction
from django.dispatch import Signal

# Sent with `rows`: {ledger model label ("progression.XPTransaction"): [row ids]}, in write order.
ledger_rows_committed = Signal()

_PENDING = "_progression_written"


def record_written(model: type[models.Model], rows: Iterable[models.Model]) -> None:
    """Note `rows` of `model` as written by the current transaction (after their INSERT)."""
    ids = [row.pk for row in rows if row.pk is not None]
    if not ids:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        ledger_rows_committed.send(sender=model, rows={model._meta.label: ids})
        return
    pending = getattr(connection, _PENDING, None)
    if pending is None or pending.sent or not _still_registered(connection, pending):
        pending = _Batch()
        setattr(connection, _PENDING, pending)
        transaction.on_commit(pending.send)
    pending.rows.setdefault(model._meta.label, []).extend(ids)


class _Batch:
    def __init__(self) -> None:
        self.rows: dict[str, list[int]] = {}
        self.sent = False

    def send(self) -> None:
        self.sent = True
        ledger_rows_committed.send(sender=_Batch, rows=self.rows)


def _still_registered(connection, batch: _Batch) -> bool:
    """False once the batch's commit hook has run or was dropped by a rollback: the rows after
    that belong to a new transaction."""
    hooks = (hook for _savepoints, hook, _robust in connection.run_on_commit)
    return any(getattr(hook, "__self__", None) is batch for hook in hooks)


__all__ = ["ledger_rows_committed", "record_written"]
