"""Evennia's generic REST API is off: a player cannot rewrite or delete a character over HTTP."""

import json

import pytest
from django.test import Client
from evennia.objects.models import ObjectDB


@pytest.fixture
def player(account):
    client = Client()
    client.force_login(account)
    return client


def test_a_player_cannot_rename_their_character_through_evennias_api(player, character):
    response = player.patch(
        f"/api/characters/{character.id}/",
        data=json.dumps({"db_key": "Corin"}),
        content_type="application/json",
    )

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert ObjectDB.objects.get(id=character.id).db_key == character.key


def test_a_player_cannot_move_their_character_through_evennias_api(player, character):
    location = ObjectDB.objects.get(id=character.id).db_location_id
    response = player.patch(
        f"/api/objects/{character.id}/",
        data=json.dumps({"db_location": 1}),
        content_type="application/json",
    )

    assert response.status_code == 404
    assert ObjectDB.objects.get(id=character.id).db_location_id == location


def test_a_player_cannot_delete_their_character_through_evennias_api(player, character):
    response = player.delete(f"/api/characters/{character.id}/")

    assert response.status_code == 404
    assert ObjectDB.objects.filter(id=character.id).exists()


def test_staff_get_no_generic_api_either(staff_account):
    client = Client()
    client.force_login(staff_account)

    response = client.get("/api/objects/")

    assert response.status_code == 404
    assert response.headers["Content-Type"] == "application/json"
