"""What is not for sale cannot be bought: a hidden class, or an unlock with no active price."""

import pytest

from world.classes.factories import CharacterClassFactory, CharacterClassLevelFactory
from world.progression.exceptions import NotForSaleError, UnknownUnlockError
from world.progression.factories import (
    ClassLevelUnlockFactory,
    ClassXPCostFactory,
    TraitRatingUnlockFactory,
    XPCostChartFactory,
    XPCostEntryFactory,
    price_unlock,
)
from world.progression.models import CharacterUnlock
from world.progression.selectors.shop import quote_unlock
from world.progression.services import (
    award_xp,
    calculate_level_up_requirements,
    get_available_unlocks_for_character,
    purchase_unlock,
    spend_xp_on_unlock,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def rich(character, account):
    award_xp(account, 1000)
    return character


def listed(character) -> list[str]:
    shop = get_available_unlocks_for_character(character)
    return [entry["name"] for group in shop.values() for entry in group]


def test_a_hidden_class_cannot_be_bought_directly(rich):
    secret = ClassLevelUnlockFactory(
        character_class=CharacterClassFactory(name="Secret", is_hidden=True), target_level=1
    )
    price_unlock(secret, 10)

    # Answered as a missing unlock, so the class is not disclosed (issue 20).
    with pytest.raises(UnknownUnlockError, match="Not found"):
        purchase_unlock(rich, secret)

    assert spend_xp_on_unlock(rich, secret)[:2] == (False, "Not found.")
    assert calculate_level_up_requirements(rich, secret.character_class, 1) == {
        "error": "Secret has no level 1 to unlock."
    }
    assert not CharacterUnlock.objects.exists()
    assert "Secret level 1" not in listed(rich)


def test_a_character_that_has_a_hidden_class_may_go_on_in_it(rich):
    secret = CharacterClassFactory(name="Secret", is_hidden=True)
    CharacterClassLevelFactory(character=rich, character_class=secret, level=1)
    level_two = ClassLevelUnlockFactory(character_class=secret, target_level=2)
    price_unlock(level_two, 10)

    assert purchase_unlock(rich, level_two).xp_spent == 10


@pytest.mark.parametrize("missing", ["no chart", "no entry for the level", "inactive chart"])
def test_an_unpriced_unlock_is_not_for_sale(rich, missing):
    unlock = ClassLevelUnlockFactory(target_level=1)
    if missing != "no chart":
        chart = XPCostChartFactory(is_active=missing != "inactive chart")
        ClassXPCostFactory(character_class=unlock.character_class, cost_chart=chart)
        XPCostEntryFactory(chart=chart, level=1 if missing == "inactive chart" else 2)

    with pytest.raises(NotForSaleError, match="has no price set yet"):
        purchase_unlock(rich, unlock)

    assert not CharacterUnlock.objects.exists()
    assert str(unlock) not in listed(rich)
    quote = calculate_level_up_requirements(rich, unlock.character_class, 1)
    assert (quote["on_sale"], quote["xp_cost"], quote["can_purchase"]) == (False, None, False)


def test_an_unpriced_trait_rating_is_not_for_sale(rich):
    unlock = TraitRatingUnlockFactory(target_rating=20)

    assert quote_unlock(rich, unlock).sale_problem.endswith("so it is not for sale.")
    with pytest.raises(NotForSaleError):
        purchase_unlock(rich, unlock)


def test_a_price_of_zero_set_by_staff_is_a_price(rich):
    unlock = ClassLevelUnlockFactory(target_level=1)
    price_unlock(unlock, 0)

    assert purchase_unlock(rich, unlock).xp_spent == 0
