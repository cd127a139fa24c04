"""The shop's "bought" list shows what the character paid, not today's price."""

import pytest

from typeclasses.factories import CharacterFactory
from world.classes.factories import CharacterClassFactory
from world.progression.factories import ClassLevelUnlockFactory, price_unlock
from world.progression.selectors.shop import unlock_shop
from world.progression.services import award_xp, spend_xp_on_unlock

pytestmark = pytest.mark.django_db


def test_a_bought_unlock_shows_the_price_paid_after_its_chart_changes(account, client):
    character = CharacterFactory(account=account)
    warrior_1 = ClassLevelUnlockFactory(
        character_class=CharacterClassFactory(name="Warrior"), target_level=1
    )
    price_unlock(warrior_1, xp_cost=20)
    award_xp(account, 20)
    assert spend_xp_on_unlock(character, warrior_1)[0]

    price_unlock(warrior_1, xp_cost=45)  # staff raise the price afterwards

    [bought] = unlock_shop(character)["already_unlocked"]
    assert (bought["name"], bought["xp_cost"]) == ("Warrior level 1", 20)
    client.force_login(account)
    shop = client.get(f"/api/progression/characters/{character.pk}/shop/").json()
    assert [entry["xp_cost"] for entry in shop["already_unlocked"]] == [20]
