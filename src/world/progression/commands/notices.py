"""Telling players in the game: after a transaction that moved their numbers commits, each
affected player who is online reads one line about it (models.written announces the rows,
selectors.notices words them), and their MUD client or webclient gets the new progression
package (commands.oob)."""

from __future__ import annotations

import evennia
from django.utils import timezone
from evennia.accounts.models import AccountDB

from ..models.approvals import ApprovalStatus
from ..rules.approvals import decision_text
from ..rules.history import describe
from ..rules.text import game_text
from ..selectors.history import account_history, history_row
from ..selectors.notices import accounts_whose_numbers_moved, notice_for
from .base import fit
from .oob import from_reactor, send_progression

# The moment an account's last session left, kept on the account (an Evennia attribute).
LAST_LOGOUT = "progression_last_logout"
# Changes an away summary lists before it points to the history for the rest.
AWAY_LINES = 5
# A request's summary and a rejection's reason are cut to this in the line its requester reads.
MAX_SUMMARY = 100


def online_account_ids() -> set[int]:
    """Accounts with a logged-in session in this process (none outside the game server)."""
    handler = evennia.SESSION_HANDLER
    if handler is None:
        return set()
    return {session.uid for session in handler.get_sessions() if session.uid}


def tell_players(sender, rows, **kwargs) -> None:
    """Receiver of `ledger_rows_committed`: one line to each online player the rows concern,
    and the progression package to their out-of-band clients. Nothing is read when nobody is
    online."""
    online = online_account_ids()
    if not online:
        return
    concerned = accounts_whose_numbers_moved(rows) & online
    for account in AccountDB.objects.filter(pk__in=concerned):
        if line := notice_for(account, rows):
            deliver(account, f"|g{game_text(line)}|n")
            send_progression(account)


def tell_requester(sender, request, **kwargs) -> None:
    """Receiver of `staff_request_decided`: the staff member who asked, if online and if it was
    someone else who decided, reads who approved or rejected their request. (The player whose
    numbers moved is told by the ledger notice.)"""
    requester = request.requested_by
    if requester is None or request.decided_by_id == requester.pk:
        return
    if requester.pk not in online_account_ids():
        return
    line = decision_text(
        request_id=request.pk,
        summary=game_text(request.summary, max_length=MAX_SUMMARY),
        approved=request.status == ApprovalStatus.APPROVED,
        by=request.decided_by.key if request.decided_by else "staff",
        note=game_text(request.decision_note, max_length=MAX_SUMMARY),
    )
    deliver(requester, f"|y{line}|n")


def deliver(account, text: str) -> None:
    """Send `text` to `account` through Evennia, from the reactor thread (`oob.from_reactor`),
    wrapped at 80 columns like every reply."""
    from_reactor(account.msg, fit(text))


def remember_logout(account) -> None:
    """Called when the account's last session has left: the away summary starts here."""
    account.attributes.add(LAST_LOGOUT, timezone.now())


def away_summary(account) -> str | None:
    """What changed the account's numbers since it last logged out (None when nothing did, or
    it never logged out): a count, the latest AWAY_LINES changes, and where to read the rest."""
    since = account.attributes.get(LAST_LOGOUT)
    if since is None:
        return None
    latest = [
        history_row(values) for values in account_history(account, since=since)[: AWAY_LINES + 1]
    ]
    if not latest:
        return None
    count = account_history(account, since=since).count() if len(latest) > AWAY_LINES else None
    heading = "While you were away" + (f" ({count} changes)" if count else "") + ":"
    lines = [heading, *(f"  {game_text(describe(row))}" for row in latest[:AWAY_LINES])]
    if count:
        lines.append("Type |wxp/history|n for the rest.")
    return fit("\n".join(lines))


__all__ = [
    "LAST_LOGOUT",
    "away_summary",
    "deliver",
    "online_account_ids",
    "remember_logout",
    "tell_players",
    "tell_requester",
]
