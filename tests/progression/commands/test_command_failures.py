"""Whatever goes wrong inside a progression command, the player reads one line: unexpected errors
go to the server log with their traceback, and a database that cannot be reached or is locked
gets the same one line every time."""

import sqlite3

import pytest
from django.db import connection

from world.progression.commands import ProgressionCommand
from world.progression.commands.base import DATABASE_DOWN, UNEXPECTED
from world.progression.commands.xp import CmdXP


class CmdBroken(ProgressionCommand):
    """
    A command with a bug in it.

    Usage:
      broken
    """

    key = "broken"

    def run(self):
        return {}["missing"]


def test_an_unexpected_error_is_one_line_for_the_player_and_a_traceback_in_the_log(
    play, player, account, server_log
):
    play.account = account

    out = play.call(CmdBroken(), "", caller=player)

    assert out == UNEXPECTED
    log = "\n".join(server_log)
    assert "Traceback (most recent call last)" in log and "KeyError: 'missing'" in log
    assert "Progression command 'broken' failed" in log


def lock_the_experience_table():
    """Another connection starts writing to the account XP table and keeps its transaction open:
    on SQLite (a shared-cache test database) readers of that table get "database table is
    locked"; returns the connection to roll back."""
    other = sqlite3.connect(connection.settings_dict["NAME"], uri=True, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("DELETE FROM progression_experiencepointsdata")
    return other


def cut_this_connection():
    """PostgreSQL ends this test's database session, as a restart or a network cut would."""
    import psycopg

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])


def test_a_database_that_cannot_be_reached_or_is_locked_gets_one_line(
    transactional_db, play, player, account, server_log
):
    play.account = account
    if connection.vendor == "sqlite":
        other = lock_the_experience_table()
        try:
            out = play.call(CmdXP(), "", caller=player)
        finally:
            other.execute("ROLLBACK")
            other.close()
    else:
        cut_this_connection()
        out = play.call(CmdXP(), "", caller=player)

    assert out == DATABASE_DOWN
    assert "the database is unavailable" in "\n".join(server_log)
    # And once the database is back, the same command answers as usual: the dead connection was
    # dropped, the next command opened a new one.
    assert "Account XP: 0 available" in play(player, "xp")


@pytest.mark.parametrize("typed", ["xp a\x00b", "kudos/give Bruno = a\x00b", "dev \x00"])
def test_a_nul_character_is_refused_in_one_line(play, player, other_player, typed):
    assert play(player, typed) == "The game cannot take a NUL character in a command."
