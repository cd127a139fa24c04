"""What is not for sale is refused by the API's buy endpoint (422 `not_for_sale`; a hidden class
is a 404 `not_found`, as if it did not exist) and left out
of the shop."""

import pytest

from world.classes.factories import CharacterClassFactory
from world.progression.factories import ClassLevelUnlockFactory, price_unlock
from world.progression.models import CharacterUnlock, ExperiencePointsData

pytestmark = pytest.mark.django_db


def buy(player, character, unlock):
    url = f"/api/progression/characters/{character.pk}/unlocks/"
    return player.post(url, {"kind": "class_level", "id": unlock.pk}, format="json")


@pytest.mark.parametrize(
    "hidden,priced,status,code",
    # A hidden class is answered as a missing unlock (issue 20), an unpriced one as not for sale.
    [(True, True, 404, "not_found"), (False, False, 422, "not_for_sale")],
)
def test_hidden_or_unpriced_unlocks_are_not_sold(
    player, account, character, give_xp, hidden, priced, status, code
):
    unlock = ClassLevelUnlockFactory(
        character_class=CharacterClassFactory(name="Shadow", is_hidden=hidden), target_level=1
    )
    if priced:
        price_unlock(unlock, 10)
    give_xp(account, 50)

    response = buy(player, character, unlock)

    assert response.status_code == status
    assert response.json()["code"] == code
    assert not CharacterUnlock.objects.exists()
    assert ExperiencePointsData.objects.get(account=account).current_available == 50
    shop = player.get(f"/api/progression/characters/{character.pk}/shop/").json()
    assert [entry["name"] for group in shop.values() for entry in group] == []
