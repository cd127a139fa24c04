"""One ownership rule: the account whose playable characters include a character acts for it and
pays for it, wherever the character came from and whoever created it."""

import pytest

from typeclasses.factories import AccountFactory, CharacterFactory
from world.progression.exceptions import InsufficientXPError
from world.progression.factories import ClassLevelUnlockFactory, price_unlock
from world.progression.models import ExperiencePointsData
from world.progression.selectors import may_act_for, owned_character_ids, owner_of
from world.progression.services import award_xp, purchase_unlock

pytestmark = pytest.mark.django_db


def xp_of(account) -> int:
    row = ExperiencePointsData.objects.filter(account=account).first()
    return row.current_available if row else 0


@pytest.fixture
def hundred_xp_unlock():
    unlock = ClassLevelUnlockFactory(target_level=1)
    price_unlock(unlock, 100)
    return unlock


def test_a_character_moved_to_another_account_charges_its_current_owner(hundred_xp_unlock):
    creator, new_owner = AccountFactory(), AccountFactory()
    character = CharacterFactory(account=creator)
    creator.characters.remove(character)
    new_owner.characters.add(character)
    award_xp(creator, 100)
    award_xp(new_owner, 100)

    purchase_unlock(character, hundred_xp_unlock)

    assert (xp_of(creator), xp_of(new_owner)) == (100, 0)
    assert owner_of(character) == new_owner
    assert may_act_for(new_owner, character) and not may_act_for(creator, character)


def test_a_moved_character_cannot_spend_its_creators_xp(hundred_xp_unlock):
    creator, new_owner = AccountFactory(), AccountFactory()
    character = CharacterFactory(account=creator)
    creator.characters.remove(character)
    new_owner.characters.add(character)
    award_xp(creator, 100)

    with pytest.raises(InsufficientXPError):
        purchase_unlock(character, hundred_xp_unlock)

    assert xp_of(creator) == 100


def test_a_character_added_with_characters_add_can_buy(hundred_xp_unlock):
    owner = AccountFactory()
    character = CharacterFactory(account=None)  # created by nobody
    owner.characters.add(character)
    award_xp(owner, 100)

    purchase_unlock(character, hundred_xp_unlock)

    assert xp_of(owner) == 0
    assert owned_character_ids(owner) == [character.pk]


def test_a_character_no_account_lists_falls_back_to_its_creator(account):
    character = CharacterFactory(account=account)
    account.characters.remove(character)

    assert owner_of(character) == account


def test_a_character_with_neither_owner_nor_creator_has_no_owner():
    assert owner_of(CharacterFactory(account=None)) is None
