"""The two-person rule for large staff moves, and the words every face uses for a request that
waits: whether an amount needs a second staff member, and how long a request has left."""

from __future__ import annotations

import math
from datetime import datetime

from .text import counted


def needs_second_staff(amount: int, threshold: int | None) -> bool:
    """True when moving `amount` (either way: a -100 correction is a move of 100) is more than
    its pool's `threshold`; a pool with no threshold (None) never needs one."""
    return threshold is not None and abs(amount) > threshold


def hours_left(expires_at: datetime, now: datetime) -> int:
    """Whole hours until `expires_at`, rounded up (a request with minutes left has 1), 0 once
    it has passed."""
    seconds = (expires_at - now).total_seconds()
    return max(0, math.ceil(seconds / 3600))


def waiting_text(request_id: int, hours: int) -> str:
    """What the staff member who asked reads when the move waits for a second one."""
    return (
        f"That needs a second staff member: request #{request_id} waits "
        f"(expires in {counted(hours, 'hour')})."
    )


def decision_text(*, request_id: int, summary: str, approved: bool, by: str, note: str) -> str:
    """What the staff member who asked reads when another one decides their request."""
    if approved:
        return f"Request #{request_id} ({summary}) was approved by {by} and has posted."
    return f"Request #{request_id} ({summary}) was rejected by {by}: {note}"


__all__ = ["decision_text", "hours_left", "needs_second_staff", "waiting_text"]
