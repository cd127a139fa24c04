"""`GET /characters/sheets/` (every owned character's sheet) and `GET /characters/{id}/quote/`
(what a purchase would do, nothing spent)."""

import pytest
from django.db import connection

from typeclasses.factories import CharacterFactory
from world.progression.models import CharacterUnlock, ExperiencePointsData

pytestmark = pytest.mark.django_db

SHEETS = "/api/progression/characters/sheets/"
# The sheet selector's 11 reads (tests/progression/selectors/test_character_sheets.py) and the
# request's own 4 (the session, the logged-in account and Evennia's look-ups for it); showing
# the sheets adds none (each banked trait's threshold comes with its trait).
SHEETS_REQUEST_QUERIES = 11 + 4


def test_sheet_shows_classes_traits_paths_goal_with_unmet_requirements_and_pools(
    player, account, full_character
):
    ayla = full_character("Ayla")
    full_character.set_goal(character=ayla, unlock=full_character.levels[1])

    (sheet,) = player.get(SHEETS).json()

    assert sheet["id"] == ayla.pk and sheet["name"] == "Ayla"
    assert (sheet["locked_xp"], sheet["transferable_xp"]) == (7, 4)
    assert sheet["classes"] == [{"name": "Warrior", "level": 6, "is_primary": False}]
    assert sheet["traits"] == [
        {
            "trait": "Swords0",
            "value": 29,
            "rating": "2.9",
            "next_rating": "3.0",
            "toward_next": 9,
            "needed_for_next": 10,
            "earned": 35,
            "banked": 6,
            "held_by": "Swords0 3.0",
            "release_cost": 15,
        }
    ]
    assert [(p["stage"], p["name"], p["description"]) for p in sheet["paths"]] == [
        ("Prospect", "Blade", "Steel first."),
        ("Potential", "Edge", "<b>Sharper</b>."),
    ]
    assert sheet["goal"] == {
        "unlock": "Ranger level 2",
        "steps": ["Ranger level 1", "Ranger level 2"],
        "total_xp": 40,
        "saved_xp": 40,
        "unmet": ["Need a class at level 8, highest is 6"],
        "not_for_sale": [],
        "reached": False,
    }
    regular = next(a for a in sheet["achievements"] if a["key"] == "ten_scenes")
    assert regular == {
        "key": "ten_scenes",
        "name": "Regular",
        "description": "Played ten scenes that counted.",
        "done": 1,
        "needed": 10,
        "completed": False,
        "progress": "1/10",
    }
    assert {a["name"] for a in sheet["achievements"] if a["completed"]} == {"First scene"}


def test_sheets_leave_out_another_accounts_characters(player, account, other_account):
    CharacterFactory(account=other_account, key="Bruno")

    assert player.get(SHEETS).json() == []


@pytest.mark.parametrize(("characters", "rows"), [(1, 1), (5, 6)])
def test_sheets_answer_in_constant_queries(
    player, account, full_character, django_assert_max_num_queries, characters, rows
):
    for n in range(characters):
        character = full_character(f"Hero{n}", rows=rows)
        full_character.set_goal(character=character, unlock=full_character.levels[n % 2])
    # SQLite asks once per connection whether it has JSON: not a read of the sheet's.
    assert connection.features.supports_json_field

    with django_assert_max_num_queries(SHEETS_REQUEST_QUERIES):
        response = player.get(SHEETS)

    assert len(response.json()) == characters


def test_quote_tells_price_pools_and_nothing_is_spent(player, account, full_character):
    ayla = full_character("Ayla")
    unlock = full_character.levels[0]

    response = player.get(
        f"/api/progression/characters/{ayla.pk}/quote/?kind=class_level&id={unlock.pk}"
    )

    assert response.status_code == 200
    assert response.json() == {
        "type": "class_level",
        "id": unlock.pk,
        "name": "Ranger level 1",
        "price": 20,
        "available": {"locked": 7, "transferable": 4, "account": 50},
        "parts": {"locked": 7, "transferable": 4, "account": 9},
        "released": 0,
        "refusal": None,
    }
    assert not CharacterUnlock.objects.exists()
    assert ExperiencePointsData.objects.get(account=account).current_available == 50


def test_quote_names_the_refusal_a_purchase_would_meet(player, full_character):
    ayla = full_character("Ayla")
    unlock = full_character.levels[1]

    body = player.get(
        f"/api/progression/characters/{ayla.pk}/quote/?kind=class_level&id={unlock.pk}"
    ).json()

    assert body["refusal"]["code"] == "requirements_not_met"


def test_quote_for_another_accounts_character_is_refused(player, other_account, full_character):
    bruno = CharacterFactory(account=other_account, key="Bruno")
    unlock = full_character.levels[0]

    response = player.get(
        f"/api/progression/characters/{bruno.pk}/quote/?kind=class_level&id={unlock.pk}"
    )

    assert response.status_code == 403


def test_quote_without_a_kind_is_a_bad_request(player, account):
    ayla = CharacterFactory(account=account, key="Ayla")

    response = player.get(f"/api/progression/characters/{ayla.pk}/quote/?id=1")

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
