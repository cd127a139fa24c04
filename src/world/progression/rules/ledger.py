"""Ledger arithmetic: how one ledger row moves a balance's two running totals."""

from __future__ import annotations

from ..types import ProgressionReason


def balance_effect(reason: str | None, amount: int) -> tuple[int, int]:
    """How a ledger row of `amount` moves (total_earned, total_spent).

    Awards add to earned and spends add to spent. A REFUND gives back what was spent, so it
    lowers spent; a negative CORRECTION takes back what was wrongly awarded, so it lowers earned.
    The audit rebuilds balances from the ledger with exactly these rules.
    """
    if amount > 0:
        return (0, -amount) if reason == ProgressionReason.REFUND else (amount, 0)
    if reason == ProgressionReason.CORRECTION:
        return (amount, 0)
    return (0, -amount)


__all__ = ["balance_effect"]
