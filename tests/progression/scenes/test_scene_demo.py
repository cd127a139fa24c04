"""The demo's scenes: a finished scene whose awards the dashboard and admin show, seeded once."""

import pytest
from django.test import Client
from django.urls import reverse

from world.progression.demo import base, scenes
from world.progression.models import DevelopmentTransaction
from world.scenes.models import Scene


@pytest.fixture
def seeded(db, tmp_path, monkeypatch):
    from evennia.server.models import ServerConfig
    from evennia.utils import create

    monkeypatch.setattr(base, "credentials_file", lambda: tmp_path / "demo_credentials")
    # Evennia's first-start step wants account #1 and makes Limbo #2, which a PostgreSQL test
    # database (its id sequences never roll back) cannot promise. Skip it, and if object ids are
    # still low make #2 a room, so no demo character becomes "Limbo".
    ServerConfig.objects.conf("last_initial_setup_step", "create_objects")
    if create.create_object("typeclasses.rooms.Room", key="Limbo", nohome=True).id == 1:
        create.create_object("typeclasses.rooms.Room", key="Limbo", nohome=True)
    base.seed()
    scenes.seed()
    return Scene.objects.get(name=scenes.FINISHED_SCENE)


def awards(scene):
    return sorted(
        (tx.character.key, tx.trait.name, tx.amount)
        for tx in DevelopmentTransaction.objects.filter(scene=scene).select_related(
            "character", "trait"
        )
    )


def test_demo_has_a_finished_scene_with_awards_from_its_play(seeded):
    assert seeded.is_finished
    assert awards(seeded) == [
        ("Ayla", "Strength", 2),
        ("Ayla", "Swordsmanship", 6),
        ("Bren", "Charm", 2),
        ("Bren", "Persuasion", 4),
        ("Corin", "Alchemy", 1),
    ]


def test_demo_has_an_open_scene_left_for_staff_to_finish(seeded):
    open_scene = Scene.objects.get(name=scenes.OPEN_SCENE)
    assert not open_scene.is_finished
    assert open_scene.participations.count() == 2
    assert not DevelopmentTransaction.objects.filter(scene=open_scene).exists()


def test_seeding_again_changes_nothing(seeded):
    before = (awards(seeded), Scene.objects.count(), seeded.messages.count())
    scenes.seed()
    assert (awards(seeded), Scene.objects.count(), seeded.messages.count()) == before


def test_the_scene_awards_show_in_the_admin(seeded):
    admin = base.demo_account(base.PLAYER_KEY)
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client = Client()
    client.force_login(admin)
    page = client.get(reverse("admin:progression_developmenttransaction_changelist"))
    assert page.status_code == 200
    assert page.content.decode().count(scenes.FINISHED_SCENE) >= 5


def test_the_scene_awards_show_on_the_players_dashboard(seeded):
    player = base.demo_account(base.PLAYER_KEY)
    ayla = base.demo_character("Ayla")
    client = Client()
    client.force_login(player)
    response = client.get(f"/api/progression/characters/{ayla.pk}/development/")
    assert response.status_code == 200
    earned = {row["trait"]: (row["total_earned"], row["current_value"]) for row in response.json()}
    assert earned == {"Strength": (2, 30), "Swordsmanship": (6, 25)}
