"""Telling players in the game: after a transaction that moved their numbers commits, each
affected player who is online reads one line about it (models.written announces the rows,
selectors.notices words them)."""

from __future__ import annotations

import evennia
from evennia.accounts.models import AccountDB
from twisted.internet import reactor
from twisted.python.threadable import isInIOThread

from ..rules.text import game_text
from ..selectors.notices import accounts_whose_numbers_moved, notice_for


def online_account_ids() -> set[int]:
    """Accounts with a logged-in session in this process (none outside the game server)."""
    handler = evennia.SESSION_HANDLER
    if handler is None:
        return set()
    return {session.uid for session in handler.get_sessions() if session.uid}


def tell_players(sender, rows, **kwargs) -> None:
    """Receiver of `ledger_rows_committed`: one line to each online player the rows concern.
    Nothing is read when nobody is online."""
    online = online_account_ids()
    if not online:
        return
    concerned = accounts_whose_numbers_moved(rows) & online
    for account in AccountDB.objects.filter(pk__in=concerned):
        if line := notice_for(account, rows):
            deliver(account, f"|g{game_text(line)}|n")


def deliver(account, text: str) -> None:
    """Send through Evennia from the reactor thread: a web request commits in a thread of the
    web server's pool, and sessions must only be written to from the reactor."""
    if reactor.running and not isInIOThread():
        reactor.callFromThread(account.msg, text)
    else:
        account.msg(text)


__all__ = ["deliver", "online_account_ids", "tell_players"]
