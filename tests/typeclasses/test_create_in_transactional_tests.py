"""Evennia's own create functions work in tests that really commit (transactional_db), not only
in tests rolled back inside one transaction, on SQLite and on PostgreSQL.

Evennia's server service runs `PRAGMA synchronous=OFF` (settings.SQLITE3_PRAGMAS) when
evennia._init() builds it; SQLite refuses that pragma inside a transaction ("Safety level may not
be changed inside a transaction"). tests/conftest.py therefore initialises Evennia once per
session, before any test opens its transaction.
"""

import threading

import pytest
from django.db import OperationalError, connection, transaction
from evennia.accounts.models import AccountDB
from evennia.objects.models import ObjectDB
from evennia.utils import create

from typeclasses.characters import Character

on_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the pragma problem is SQLite's own"
)


def _make_account_and_character():
    account = create.create_account(
        "committer", "committer@example.com", "correct-horse-battery", permissions=["Player"]
    )
    character, errors = Character.create("Committed", account=account)
    assert not errors
    room = create.create_object("typeclasses.rooms.Room", key="Hall")
    character.location = room
    return account, character, room


def _seen_from_another_connection(*ids) -> list[bool]:
    found = []

    def look():
        try:
            found.extend(ObjectDB.objects.filter(pk=pk).exists() for pk in ids)
        finally:
            connection.close()

    thread = threading.Thread(target=look)
    thread.start()
    thread.join()
    return found


@pytest.mark.django_db(transaction=True)
def test_create_functions_commit_in_a_transactional_test():
    account, character, room = _make_account_and_character()

    assert AccountDB.objects.get(pk=account.pk).is_typeclass("typeclasses.accounts.Account")
    assert character in account.characters.all()
    assert ObjectDB.objects.get(pk=character.pk).location == room


@pytest.mark.django_db(transaction=True)
def test_the_same_names_can_be_created_again_after_the_flush():
    # Runs after the test above: its rows were flushed and Evennia's cache emptied, so the
    # same keys are free again and no ghost object from the cache is handed back.
    _account, character, _room = _make_account_and_character()

    assert AccountDB.objects.filter(username="committer").count() == 1
    assert ObjectDB.objects.filter(db_key="Committed").get().pk == character.pk


@pytest.mark.postgres  # SQLite's in-memory test database is a single shared connection
@pytest.mark.django_db(transaction=True)
def test_created_rows_are_visible_to_other_connections():
    _account, character, room = _make_account_and_character()

    assert _seen_from_another_connection(character.pk, room.pk) == [True, True]


@on_sqlite
@pytest.mark.django_db
def test_evennia_sqlite_pragmas_cannot_run_inside_a_transaction():
    # Why evennia._init() must not run inside a test's transaction on SQLite.
    with pytest.raises(OperationalError, match="Safety level may not be changed"):  # noqa: SIM117
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=OFF")
