"""Rebuilding balances from their ledgers (`progression_audit --fix`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import DataError, IntegrityError, transaction

from ..rules.amounts import BALANCE_LIMIT
from ..selectors.audit import Mismatch, ledger_balance


@dataclass
class Rebuild:
    rebuilt: list[Mismatch] = field(default_factory=list)
    # Ledgers whose totals no balance can hold (past BALANCE_LIMIT, below zero, more spent than
    # earned): rows no service writes, left for staff to correct with ledger rows.
    refused: list[Mismatch] = field(default_factory=list)


def rebuild_balances(mismatches: list[Mismatch]) -> Rebuild:
    """Set each mismatched balance to what its ledger says, creating missing rows.

    Each row is locked, then its ledger is summed again under the lock, so a posting that lands
    between the audit's read and the rebuild is counted, not overwritten. A ledger whose totals
    the balance cannot hold is refused, and the others are still rebuilt.
    """
    result = Rebuild()
    for mismatch in mismatches:
        try:
            with transaction.atomic():
                row = mismatch.model.objects.select_for_update(no_key=True).filter(**mismatch.key)
                exists = bool(list(row.values_list("pk", flat=True)))
                ledger = ledger_balance(mismatch)
                if not all(0 <= value <= BALANCE_LIMIT for value in ledger.values()):
                    raise DataError("outside what a balance holds")
                if exists:
                    row.update(**ledger)
                else:
                    mismatch.model.objects.create(**mismatch.key, **ledger)
        except (DataError, IntegrityError):
            result.refused.append(mismatch)
        else:
            result.rebuilt.append(mismatch)
    return result


__all__ = ["Rebuild", "rebuild_balances"]
