"""The demo (`make run`) shows the play loop: an open scene in Limbo and this week's votes."""

import io

import pytest
from django.core.management import call_command

from world.progression.demo import base
from world.scenes.models import Scene
from world.voting.models import Vote

# A fresh database: Evennia's first-start step needs the superuser to be #1 and Limbo #2.
pytestmark = pytest.mark.django_db(transaction=True, reset_sequences=True)


def test_the_demo_has_an_open_scene_in_limbo_and_votes_and_seeds_them_once(tmp_path, monkeypatch):
    monkeypatch.setattr(base, "credentials_file", lambda: tmp_path / ".demo_credentials")

    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())

    scene = Scene.objects.get(location_id=2, date_finished__isnull=True)
    assert scene.name == "Evening in Limbo"
    assert scene.messages.count() == 2
    assert scene.participations.get(is_gm=True).character.key == "Corin"
    assert sorted(Vote.objects.values_list("character__db_key", flat=True)) == [
        "Ayla",
        "Bren",
        "Corin",
    ]
