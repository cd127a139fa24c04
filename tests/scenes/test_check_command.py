"""`check <trait> [vs <difficulty>]`: a roll with the character's trait, recorded in a scene."""

import random

import pytest

from world.scenes.models import SceneParticipation, SceneTraitUse
from world.scenes.services import start_scene
from world.traits.factories import CharacterTraitValueFactory, TraitFactory


@pytest.fixture
def swords(db):
    return TraitFactory(name="Swordsmanship", category="combat")


@pytest.fixture
def fixed_dice(settings):
    """One one-sided die: Evennia's roll() then always rolls 1."""
    settings.SCENES_CHECK_DICE = 1
    settings.SCENES_CHECK_DIE_SIDES = 1


def test_check_adds_the_rating_to_the_dice_and_shows_the_room(
    play, player, other_player, swords, fixed_dice, settings
):
    CharacterTraitValueFactory(character=player, trait=swords, value=45)
    received = []
    other_player.msg = lambda text=None, **kwargs: received.append(text)

    out = play(player, "check swordsmanship vs 5")

    assert out == "Alice checks Swordsmanship: 1d1 (1) + rating 4 = 5 vs 5, and succeeds."
    assert received and "Alice checks Swordsmanship: 1d1 (1) + rating 4 = 5 vs 5" in str(
        received[0]
    )


def test_check_fails_below_the_difficulty_and_uses_the_default_one(
    play, player, swords, fixed_dice, settings
):
    settings.SCENES_CHECK_DEFAULT_DIFFICULTY = 3

    assert play(player, "check Swordsmanship") == (
        "Alice checks Swordsmanship: 1d1 (1) + rating 0 = 1 vs 3, and fails."
    )


def test_a_real_roll_stays_within_the_dice(play, player, swords, settings):
    random.seed(7)
    settings.SCENES_CHECK_DICE, settings.SCENES_CHECK_DIE_SIDES = 2, 6
    CharacterTraitValueFactory(character=player, trait=swords, value=20)

    out = play(player, "check swordsmanship vs 30")

    assert out.startswith("Alice checks Swordsmanship: 2d6 (")
    dice = out.split("(")[1].split(")")[0].split("+")
    total = int(out.split(" = ")[1].split(" ")[0])
    assert len(dice) == 2 and all(1 <= int(die) <= 6 for die in dice)
    assert total == sum(int(die) for die in dice) + 2


def test_a_trait_is_found_by_the_start_of_its_name(play, player, swords, fixed_dice):
    CharacterTraitValueFactory(character=player, trait=swords, value=29)

    out = play(player, "check sword vs 2")

    # 2.9 adds its whole part, 2: the help says so.
    assert out == "Alice checks Swordsmanship: 1d1 (1) + rating 2 = 3 vs 2, and succeeds."


def test_a_start_several_traits_share_asks_for_more_of_the_name(play, player, swords):
    TraitFactory(name="Swimming")

    out = play(player, "check sw")

    assert out == "'sw' could be Swimming or Swordsmanship: type more of the name."
    assert not SceneTraitUse.objects.exists()


def test_help_check_names_the_dice_the_default_difficulty_and_the_rounding(play, player):
    from world.scenes.commands import CmdCheck

    help_text = " ".join(CmdCheck.__doc__.split())

    assert "Rolls 2d6" in help_text and "8 unless you name one" in help_text
    assert "a 2.9 adds 2" in help_text


def test_outside_a_scene_a_check_records_nothing(play, player, swords):
    play(player, "check swordsmanship")

    assert not SceneTraitUse.objects.exists()


def test_in_an_open_scene_each_check_is_a_use_of_the_trait(
    play, player, other_player, swords, room
):
    scene = start_scene(room=room, character=other_player, name="Duel")

    play(player, "check swordsmanship")
    out = play(player, "check swordsmanship vs 2")

    assert out.endswith(f"(scene #{scene.pk})")
    use = SceneTraitUse.objects.get(scene=scene, character=player, trait=swords)
    assert use.uses == 2
    assert SceneParticipation.objects.filter(scene=scene, character=player).exists()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("check", "Usage: check <trait> [vs <difficulty>]"),
        ("check vs 5", "Usage: check <trait> [vs <difficulty>]"),
        ("check Flying", "There is no trait 'Flying'. Type 'dev' for yours."),
        ("check |rFlying|n", "There is no trait 'Flying'. Type 'dev' for yours."),
        (
            "check swordsmanship vs -3",
            "'-3' is not a difficulty: use a whole number from 1 to 30.",
        ),
        (
            "check swordsmanship vs 99999999999",
            "'99999999999' is not a difficulty: use a whole number from 1 to 30.",
        ),
        ("check swordsmanship vs 0", "The difficulty must be a whole number from 1 to 30."),
        ("check swordsmanship vs 31", "The difficulty must be a whole number from 1 to 30."),
    ],
)
def test_bad_check_input_gets_one_line_and_records_nothing(
    play, player, other_player, swords, room, typed, message
):
    start_scene(room=room, character=other_player, name="Duel")

    assert play(player, typed) == message
    assert not SceneTraitUse.objects.exists()
