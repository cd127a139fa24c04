"""The unlock shop and buying an unlock for one of your own characters."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from typeclasses.factories import CharacterFactory
from world.classes.factories import CharacterClassFactory
from world.progression.factories import (
    ClassLevelUnlockFactory,
    ClassXPCostFactory,
    XPCostChartFactory,
    XPCostEntryFactory,
)
from world.progression.models import CharacterUnlock, ExperiencePointsData

pytestmark = pytest.mark.django_db


@pytest.fixture
def level_one(db):
    """Level 1 of a class, costing 10 XP."""
    warrior = CharacterClassFactory(name="Warrior")
    chart = XPCostChartFactory(name="Standard")
    XPCostEntryFactory(chart=chart, level=1, xp_cost=10)
    ClassXPCostFactory(character_class=warrior, cost_chart=chart)
    return ClassLevelUnlockFactory(character_class=warrior, target_level=1)


def buy_url(character):
    return f"/api/progression/characters/{character.pk}/unlocks/"


def test_shop_lists_what_the_character_can_buy_with_costs(player, character, level_one):
    response = player.get(f"/api/progression/characters/{character.pk}/shop/")

    assert response.status_code == 200
    entries = response.json()["available"] + response.json()["locked"]
    [entry] = [e for e in entries if e["type"] == "class_level" and e["id"] == level_one.pk]
    assert entry["xp_cost"] == 10
    assert "failed_requirements" in entry


def test_buying_an_unlock_spends_xp_and_records_it(player, account, character, level_one, give_xp):
    give_xp(account, 50)

    response = player.post(
        buy_url(character), {"kind": "class_level", "id": level_one.pk}, format="json"
    )

    assert response.status_code == 201
    assert response.json()["xp_spent"] == 10
    assert ExperiencePointsData.objects.get(account=account).current_available == 40


def test_buying_it_again_is_a_409(player, account, character, level_one, give_xp):
    give_xp(account, 50)
    body = {"kind": "class_level", "id": level_one.pk}
    player.post(buy_url(character), body, format="json")

    response = player.post(buy_url(character), body, format="json")

    assert response.status_code == 409
    assert response.json()["code"] == "already_unlocked"
    assert ExperiencePointsData.objects.get(account=account).current_available == 40


def test_insufficient_xp_is_a_422_and_changes_nothing(player, account, character, level_one):
    response = player.post(
        buy_url(character), {"kind": "class_level", "id": level_one.pk}, format="json"
    )

    assert response.status_code == 422
    assert response.json()["code"] == "insufficient_xp"
    assert not CharacterUnlock.objects.exists()


def test_repeated_idempotency_key_buys_once(player, account, character, level_one, give_xp):
    give_xp(account, 50)
    body = {"kind": "class_level", "id": level_one.pk}
    headers = {"Idempotency-Key": "buy-warrior-1"}

    first = player.post(buy_url(character), body, format="json", headers=headers)
    again = player.post(buy_url(character), body, format="json", headers=headers)

    assert first.status_code == 201
    assert again.json()["id"] == first.json()["id"]
    assert ExperiencePointsData.objects.get(account=account).current_available == 40


def test_buying_for_someone_elses_character_is_a_403(player, other_account, level_one):
    theirs = CharacterFactory(account=other_account)

    response = player.post(buy_url(theirs), {"kind": "class_level", "id": level_one.pk})

    assert response.status_code == 403
    assert not CharacterUnlock.objects.exists()


def test_unknown_unlock_is_a_404(player, character):
    response = player.post(buy_url(character), {"kind": "trait_rating", "id": 999}, format="json")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_buying_for_a_moved_character_charges_its_new_owner(
    client_for, account, other_account, level_one, give_xp
):
    moved = CharacterFactory(account=account)
    account.characters.remove(moved)
    other_account.characters.add(moved)
    give_xp(account, 100)
    give_xp(other_account, 50)

    response = client_for(other_account).post(
        buy_url(moved), {"kind": "class_level", "id": level_one.pk}, format="json"
    )

    assert response.status_code == 201
    assert ExperiencePointsData.objects.get(account=other_account).current_available == 40
    assert ExperiencePointsData.objects.get(account=account).current_available == 100


SHOPS = "/api/progression/characters/shops/"


def test_all_shops_lists_each_of_your_characters_with_its_shop(
    player, account, other_account, level_one
):
    ayla = CharacterFactory(account=account, key="Ayla")
    bren = CharacterFactory(account=account, key="Bren")
    CharacterFactory(account=other_account, key="Cato")

    response = player.get(SHOPS)

    assert response.status_code == 200
    body = response.json()
    assert [(row["id"], row["name"]) for row in body] == [(ayla.pk, "Ayla"), (bren.pk, "Bren")]
    for row in body:
        assert (row["locked_xp"], row["transferable_xp"]) == (0, 0)
        assert [entry["id"] for entry in row["shop"]["available"]] == [level_one.pk]
        single = player.get(f"/api/progression/characters/{row['id']}/shop/").json()
        assert row["shop"] == single


def test_all_shops_of_an_account_without_characters_is_an_empty_list(player):
    response = player.get(SHOPS)

    assert response.status_code == 200
    assert response.json() == []


def test_all_shops_refuses_anonymous_requests(anonymous_client):
    response = anonymous_client.get(SHOPS)

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_all_shops_take_the_same_number_of_queries_for_one_character_or_three(
    player, account, level_one, django_assert_max_num_queries
):
    CharacterFactory(account=account, key="Ayla")
    with CaptureQueriesContext(connection) as one:
        assert player.get(SHOPS).status_code == 200
    CharacterFactory(account=account, key="Bren")
    CharacterFactory(account=account, key="Cato")

    with django_assert_max_num_queries(len(one.captured_queries)):
        response = player.get(SHOPS)

    assert [row["name"] for row in response.json()] == ["Ayla", "Bren", "Cato"]
