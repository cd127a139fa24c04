"""Buying a hidden class by id through the API is answered exactly as buying an id that does not
exist: 404 `not_found`, nothing named."""

import pytest

from world.classes.factories import CharacterClassFactory, CharacterClassLevelFactory
from world.progression.factories import ClassLevelUnlockFactory, price_unlock
from world.progression.models import CharacterUnlock

pytestmark = pytest.mark.django_db


def buy(player, character, unlock_id):
    url = f"/api/progression/characters/{character.pk}/unlocks/"
    return player.post(url, {"kind": "class_level", "id": unlock_id}, format="json")


@pytest.fixture
def nightblade_1(db):
    unlock = ClassLevelUnlockFactory(
        character_class=CharacterClassFactory(name="Nightblade", is_hidden=True), target_level=1
    )
    price_unlock(unlock, 10)
    return unlock


def test_buying_a_hidden_class_by_id_is_answered_as_a_missing_id(
    player, account, character, give_xp, nightblade_1
):
    give_xp(account, 50)

    hidden = buy(player, character, nightblade_1.pk)
    missing = buy(player, character, nightblade_1.pk + 1000)

    assert (hidden.status_code, hidden.json()) == (missing.status_code, missing.json())
    assert hidden.status_code == 404
    assert hidden.json()["code"] == "not_found"
    assert "Nightblade" not in hidden.content.decode()
    assert not CharacterUnlock.objects.exists()


def test_a_character_with_the_hidden_class_buys_its_next_level_by_id(
    player, account, character, give_xp
):
    nightblade = CharacterClassFactory(name="Nightblade", is_hidden=True)
    CharacterClassLevelFactory(character=character, character_class=nightblade, level=1)
    level_two = ClassLevelUnlockFactory(character_class=nightblade, target_level=2)
    price_unlock(level_two, 10)
    give_xp(account, 50)

    assert buy(player, character, level_two.pk).status_code == 201
