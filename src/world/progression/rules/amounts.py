"""What an amount must be before any balance moves by it."""

from __future__ import annotations

from ..exceptions import InvalidAmountError

# The most any balance column may hold. The balance tables' check constraints use the same
# number, so no sequence of valid postings can push a column past what the database stores.
BALANCE_LIMIT = 1_000_000_000


def require_amount(amount, *, maximum: int, what: str = "The amount") -> int:
    """`amount` as a positive whole number no larger than `maximum`; InvalidAmountError else.

    Bools and floats are refused, not truncated.
    """
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise InvalidAmountError(f"{what} must be a positive whole number, not {amount!r}.")
    if amount > maximum:
        raise InvalidAmountError(f"{what} can be at most {maximum:,} at a time, not {amount:,}.")
    return amount


__all__ = ["BALANCE_LIMIT", "require_amount"]
