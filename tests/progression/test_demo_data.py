"""`seed_demo`, which `make run` calls on every start: complete on an empty database and a no-op
the second time."""

import io

import pytest
from django.core.management import call_command
from evennia.objects.models import ObjectDB

from world.progression.demo import base
from world.progression.models import CharacterUnlock, KudosTransaction, XPTransaction

# A fresh database every time: Evennia's first-start step needs the superuser to be #1.
pytestmark = pytest.mark.django_db(transaction=True, reset_sequences=True)


@pytest.fixture
def credentials(tmp_path, monkeypatch):
    path = tmp_path / ".demo_credentials"
    monkeypatch.setattr(base, "credentials_file", lambda: path)
    return path


def _counts():
    return (
        ObjectDB.objects.count(),
        XPTransaction.objects.count(),
        KudosTransaction.objects.count(),
        CharacterUnlock.objects.count(),
    )


def test_seeding_twice_adds_nothing_the_second_time(credentials):
    call_command("seed_demo", stdout=io.StringIO())
    first = _counts()
    out = io.StringIO()
    call_command("seed_demo", stdout=out)

    assert _counts() == first
    assert first[1] > 0 and first[2] > 0  # the demo player has a history to look at
    assert "player" in out.getvalue()


def test_limbo_welcomes_players_to_this_game_but_keeps_a_description_staff_wrote(credentials):
    call_command("seed_demo", stdout=io.StringIO())
    limbo = ObjectDB.objects.get(id=2)
    assert "Welcome to your new" not in limbo.db.desc
    assert "unlocks" in limbo.db.desc

    limbo.db.desc = "A harbour at dusk."
    call_command("seed_demo", stdout=io.StringIO())
    assert ObjectDB.objects.get(id=2).db.desc == "A harbour at dusk."
