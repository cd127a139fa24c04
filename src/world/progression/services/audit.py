"""Rebuilding balances from their ledgers (`progression_audit --fix`)."""

from __future__ import annotations

from django.db import transaction

from ..selectors.audit import Mismatch, ledger_balance


def rebuild_balances(mismatches: list[Mismatch]) -> int:
    """Set each mismatched balance to what its ledger says, creating missing rows.

    Each row is locked, then its ledger is summed again under the lock, so a posting that lands
    between the audit's read and the rebuild is counted, not overwritten. Returns how many rows
    were rebuilt.
    """
    for mismatch in mismatches:
        with transaction.atomic():
            row = mismatch.model.objects.select_for_update(no_key=True).filter(**mismatch.key)
            exists = bool(list(row.values_list("pk", flat=True)))
            ledger = ledger_balance(mismatch)
            if exists:
                row.update(**ledger)
            else:
                mismatch.model.objects.create(**mismatch.key, **ledger)
    return len(mismatches)


__all__ = ["rebuild_balances"]
