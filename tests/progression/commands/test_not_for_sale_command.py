"""What is not for sale is refused by `unlock` and `unlock/confirm` too, in one line."""

import pytest

from world.classes.factories import CharacterClassFactory
from world.progression.factories import ClassLevelUnlockFactory, price_unlock
from world.progression.models import CharacterUnlock
from world.progression.services import award_xp

pytestmark = pytest.mark.django_db


def test_a_hidden_class_is_refused_by_unlock_confirm(play, player, account):
    secret = ClassLevelUnlockFactory(
        character_class=CharacterClassFactory(name="Shadow", is_hidden=True), target_level=1
    )
    price_unlock(secret, 10)
    award_xp(account, 50)

    out = play(player, "unlock/confirm shadow 1")

    # Answered as a missing unlock, so the class is not disclosed (issue 20).
    assert out == "There is no unlock 'shadow 1'. Type 'unlocks' for the shop."
    assert not CharacterUnlock.objects.exists()
    assert "Shadow" not in play(player, "unlocks")


def test_an_unpriced_unlock_is_refused_by_unlock_confirm(play, player, account):
    ClassLevelUnlockFactory(character_class=CharacterClassFactory(name="Scholar"), target_level=1)
    award_xp(account, 50)

    out = play(player, "unlock/confirm scholar 1")

    assert out == "Scholar level 1 has no price set yet, so it is not for sale."
    assert not CharacterUnlock.objects.exists()
    assert "Scholar" not in play(player, "unlocks")
