"""Evennia's website character pages (/characters/create|update|delete/): a name set there follows
the game's one character-name rule, the character in memory changes only when a valid form is
saved, and a character that holds progression is not deleted."""

import pytest
from django.test import Client
from evennia.objects.models import ObjectDB

from typeclasses.factories import AccountFactory, CharacterFactory
from world.progression.factories import ClassLevelUnlockFactory, price_unlock
from world.progression.models import CharacterUnlock
from world.progression.services import award_xp, purchase_unlock

pytestmark = pytest.mark.django_db

MXP_LINK = "|lcxp/award me = 500|ltAyla|le"


@pytest.fixture
def hero(account):
    return CharacterFactory(account=account, key="Hero")


@pytest.fixture
def player(account):
    client = Client(raise_request_exception=False)
    client.force_login(account)
    return client


def _rename(player: Client, character, name: str):
    return player.post(
        f"/characters/update/{character.key.lower()}/{character.id}/",
        {"db_key": name, "desc": "A wanderer."},
    )


def _stored_name(character) -> str:
    return ObjectDB.objects.filter(id=character.id).values_list("db_key", flat=True).get()


@pytest.mark.parametrize(
    "name",
    ["Corin", "CORIN", MXP_LINK, "|rRed", "x" * 31],
    ids=["another-players-name", "a-case-variant", "mxp-link", "colour", "too-long"],
)
def test_the_update_page_refuses_a_name_the_game_refuses(player, hero, name):
    CharacterFactory(account=AccountFactory(), key="Corin")

    response = _rename(player, hero, name)

    assert response.status_code == 200
    assert response.context["form"].errors["db_key"]
    assert _stored_name(hero) == "Hero"
    assert ObjectDB.objects.get(id=hero.id).key == "Hero"  # the object the game holds, too


def test_the_update_page_renames_to_a_valid_name_and_keeps_its_apostrophe(player, hero):
    response = _rename(player, hero, "Hero O'Neil")

    assert response.status_code == 302
    assert _stored_name(hero) == "Hero O'Neil"
    assert ObjectDB.objects.get(id=hero.id).key == "Hero O'Neil"


def test_the_update_page_may_change_the_case_of_ones_own_name(player, hero):
    assert _rename(player, hero, "HERO").status_code == 302

    assert _stored_name(hero) == "HERO"


def test_the_update_page_stores_the_description_as_written(player, hero):
    player.post(
        f"/characters/update/hero/{hero.id}/", {"db_key": "Hero", "desc": 'Tall & "quiet".'}
    )

    assert ObjectDB.objects.get(id=hero.id).db.desc == 'Tall & "quiet".'


def test_the_create_page_refuses_a_name_the_game_refuses(player):
    CharacterFactory(account=AccountFactory(), key="Corin")

    response = player.post("/characters/create/", {"db_key": "corin", "desc": ""})

    assert response.status_code == 200
    assert not ObjectDB.objects.filter(db_key="corin").exists()


def test_the_create_page_accepts_a_name_with_an_apostrophe(player, account):
    response = player.post("/characters/create/", {"db_key": "Dara O'Neil", "desc": ""})

    assert response.status_code == 302
    assert [c.key for c in account.characters] == ["Dara O'Neil"]


@pytest.fixture
def hero_with_a_purchase(account, hero):
    unlock = ClassLevelUnlockFactory(target_level=1)
    price_unlock(unlock, 10)
    award_xp(account, 10)
    purchase_unlock(hero, unlock)
    return hero


def test_deleting_a_character_that_holds_progression_is_refused_with_a_message(
    player, hero_with_a_purchase
):
    hero = hero_with_a_purchase

    response = player.post(f"/characters/delete/hero/{hero.id}/", follow=True)

    assert response.status_code == 200
    assert ObjectDB.objects.filter(id=hero.id).exists()
    assert CharacterUnlock.objects.filter(character_id=hero.id).count() == 1
    assert "cannot be deleted" in response.content.decode()


def test_the_delete_page_says_why_before_asking(player, hero_with_a_purchase):
    hero = hero_with_a_purchase

    response = player.get(f"/characters/delete/hero/{hero.id}/", follow=True)

    assert response.status_code == 200
    assert "cannot be deleted" in response.content.decode()


def test_a_character_without_progression_can_still_be_deleted(player, account, hero):
    response = player.post(f"/characters/delete/hero/{hero.id}/")

    assert response.status_code == 302
    assert not ObjectDB.objects.filter(id=hero.id).exists()


def test_a_wrong_id_or_slug_is_a_404_not_a_500(player, hero):
    assert player.get(f"/characters/update/hero/{hero.id + 1000}/").status_code == 404
    assert player.get(f"/characters/update/someone/{hero.id}/").status_code == 404
    assert player.post(f"/characters/delete/someone/{hero.id}/").status_code == 404


def test_another_players_character_cannot_be_renamed(player):
    corin = CharacterFactory(account=AccountFactory(), key="Corin")

    response = _rename(player, corin, "Mine")

    assert response.status_code == 404
    assert _stored_name(corin) == "Corin"


def test_registering_an_account_named_like_another_players_character_makes_no_such_character(db):
    CharacterFactory(account=AccountFactory(), key="Corin")
    client = Client(raise_request_exception=False)
    password = "a-long-enough-password-9"

    response = client.post(
        "/auth/register",
        {"username": "corin", "email": "", "password1": password, "password2": password},
    )

    assert response.status_code in (200, 302)
    assert ObjectDB.objects.filter(db_key__iexact="corin").count() == 1
