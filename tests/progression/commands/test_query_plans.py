"""Every query the player commands and the dashboard make uses an index: none reads a whole
ledger or balance table (PostgreSQL's EXPLAIN, on a generated game big enough that a sequential
scan would be chosen only where no index fits)."""

import random

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from evennia.accounts.models import AccountDB
from evennia.objects.models import ObjectDB

from world.progression.commands.base import unlock_command_text
from world.progression.demo.generate import GameSize, generate
from world.progression.models import CharacterOwner
from world.progression.services import get_available_unlocks_for_character

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

# Enough accounts that each balance table spans dozens of pages: on a table of a few pages
# PostgreSQL rightly reads it whole even when an index fits, which would prove nothing.
GAME = GameSize(accounts=2_000, characters=2_500, ledger_rows=30_000)
WATCHED = {
    "progression_xptransaction",
    "progression_kudostransaction",
    "progression_characterxptransaction",
    "progression_developmenttransaction",
    "progression_experiencepointsdata",
    "progression_kudospointsdata",
    "progression_characterxp",
    "progression_developmentpoints",
    "progression_characterunlock",
    "progression_characterowner",
    "traits_charactertraitvalue",
    "classes_characterclasslevel",
    "accounts_accountdb",
    "objects_objectdb",
}
COMMANDS = ("xp", "xp/history", "xp/history 2", "kudos", "unlocks", "dev")


@pytest.fixture
def game(db):
    generate(GAME, seed=7)


def _statements(play, owned) -> list[str]:
    character = ObjectDB.objects.get(pk=owned.character_id)
    account = AccountDB.objects.get(pk=owned.account_id)
    character.account = account  # the player is playing it
    shop = get_available_unlocks_for_character(character)
    entry = next(e for e in shop["available"] if e["affordable"])
    wanted = unlock_command_text(entry["unlock"])
    client = Client(HTTP_HOST="localhost")
    client.force_login(account)
    with CaptureQueriesContext(connection) as captured:
        for typed in COMMANDS:
            play(character, typed)
        play(character, wanted)
        assert "You unlock" in play(character, wanted.replace("unlock ", "unlock/confirm ", 1))
        assert client.get("/api/progression/account/").status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def _sequential_scans(sql: str) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    return {table for table in WATCHED if f"Seq Scan on {table} " in f"{plan} "}


def test_player_commands_and_dashboard_read_through_indexes(game, play):
    owners = list(CharacterOwner.objects.order_by("pk"))
    statements = []
    for owned in random.Random(3).sample(owners, 2):
        statements += _statements(play, owned)
    explained = [
        sql for sql in statements if sql.lstrip().upper().startswith(("SELECT", "UPDATE", "WITH"))
    ]
    scans = {sql: tables for sql in explained if (tables := _sequential_scans(sql))}
    assert explained
    assert not scans, "\n\n".join(f"{sorted(t)}: {sql}" for sql, t in scans.items())
