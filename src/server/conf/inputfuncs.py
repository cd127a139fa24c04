"""The game's text input function: every line a player sends (the login included) starts on a
working database connection, or gets one line saying the database is away.

Evennia runs commands on the server's main thread, which keeps one database connection for its
whole life; Django only renews connections around web requests. After PostgreSQL restarts that
connection is dead, and without this every command and login would fail with a traceback until
the game itself restarted.
"""

import contextlib

from django.db import DatabaseError, connection
from evennia.server import inputfuncs as _evennia_inputfuncs

DATABASE_UNREACHABLE = "The game cannot reach its database right now; try again in a moment."


def text(session, *args, **kwargs):
    """Evennia's `text` input function, run only once the database answers."""
    if not _database_answers():
        session.msg(DATABASE_UNREACHABLE)
        return
    _evennia_inputfuncs.text(session, *args, **kwargs)


def _database_answers() -> bool:
    """Replace a dead connection with a new one; False if no new one can be made."""
    if connection.in_atomic_block:  # never between a transaction's statements
        return True
    try:
        if connection.connection is not None and not connection.is_usable():
            connection.close()
        connection.ensure_connection()
    except DatabaseError:
        with contextlib.suppress(DatabaseError):
            connection.close()
        return False
    return True
