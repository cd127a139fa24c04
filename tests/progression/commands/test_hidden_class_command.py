"""A hidden class is answered exactly as a class that does not exist, by every command that
takes an unlock, to a character without a level in it; one that has it may go on in it."""

import pytest

from world.classes.factories import CharacterClassFactory, CharacterClassLevelFactory
from world.progression.factories import ClassLevelUnlockFactory, price_unlock
from world.progression.models import CharacterUnlock

pytestmark = pytest.mark.django_db

FACES = ["plan {}", "plan/set {}", "unlock {}", "unlock/confirm {}"]


@pytest.fixture
def nightblade(db):
    nightblade = CharacterClassFactory(name="Nightblade", is_hidden=True)
    for level in (1, 2):
        price_unlock(ClassLevelUnlockFactory(character_class=nightblade, target_level=level), 10)
    return nightblade


@pytest.fixture
def funded(account, give_xp):
    give_xp(account, 100)


@pytest.mark.parametrize("face", FACES)
def test_a_hidden_class_is_answered_as_a_missing_one(play, player, nightblade, funded, face):
    hidden = play(player, face.format("nightblade 2"))
    missing = play(player, face.format("moonblade 2"))

    assert hidden == missing.replace("moonblade", "nightblade")
    assert "10 XP" not in hidden
    assert not CharacterUnlock.objects.exists()
    assert player.attributes.get("goal", category="progression") is None


def test_a_hidden_class_is_missing_out_of_character_too(play, account, player, nightblade, funded):
    hidden = play(account, "unlock Alice = nightblade 1")
    missing = play(account, "unlock Alice = moonblade 1")

    assert hidden == missing.replace("moonblade", "nightblade")


def test_a_character_with_a_hidden_class_may_plan_and_buy_its_next_level(
    play, player, nightblade, funded
):
    CharacterClassLevelFactory(character=player, character_class=nightblade, level=1)

    assert "Nightblade level 2" in play(player, "plan nightblade 2")
    assert play(player, "unlock/confirm nightblade 2") == (
        "You unlock Nightblade level 2 for 10 XP: 10 from your account XP."
    )
