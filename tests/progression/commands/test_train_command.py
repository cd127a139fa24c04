"""`train <character> = <trait>`: a character a full rating ahead teaches another, once a week;
the student earns TEACHING development points, the teacher's account a little XP."""

from datetime import timedelta

import pytest
from django.utils import timezone
from evennia.utils import create

from world.progression.models import DevelopmentTransaction, ExperiencePointsData
from world.progression.services.training import teach
from world.progression.types import DevelopmentSource
from world.traits.factories import CharacterTraitValueFactory, TraitFactory
from world.traits.models import CharacterTraitValue

pytestmark = pytest.mark.django_db


@pytest.fixture
def lore(player, other_player):
    trait = TraitFactory(name="Lore", category="mental")
    CharacterTraitValueFactory(character=player, trait=trait, value=30)
    CharacterTraitValueFactory(character=other_player, trait=trait, value=12)
    # Both in one room, as two players in the game world are.
    room = create.create_object("typeclasses.rooms.Room", key="Library")
    for character in (player, other_player):
        character.location = room
        character.save()
    return trait


def value_of(character, trait) -> int:
    return CharacterTraitValue.objects.get(character=character, trait=trait).value


def test_teaching_gives_the_student_points_and_the_teacher_xp(play, player, other_player, lore):
    out = play(player, "train bruno = lore")

    assert out == "You teach Bruno Lore: 5 development points."
    row = DevelopmentTransaction.objects.get(character=other_player)
    assert (row.amount, row.source) == (5, DevelopmentSource.TEACHING)
    assert value_of(other_player, lore) == 17
    assert ExperiencePointsData.objects.get(account=player.account).total_earned == 1


def test_a_student_is_taught_once_a_week(play, player, other_player, lore):
    play(player, "train bruno = lore")

    assert play(player, "train bruno = lore") == "You have already taught Bruno this week."
    next_week = timezone.now() + timedelta(days=7)
    teach(teacher=player, student=other_player, trait=lore, now=next_week)
    assert DevelopmentTransaction.objects.filter(character=other_player).count() == 2


def test_a_teacher_needs_a_full_rating_more(play, player, other_player, lore):
    CharacterTraitValue.objects.filter(character=player).update(value=20)

    out = play(player, "train bruno = lore")

    assert out == "To teach Lore you need it 1.0 above Bruno's (1.2); yours is 2.0."
    assert not DevelopmentTransaction.objects.exists()


def test_nobody_teaches_their_own_characters(play, player, puppet, account, lore):
    alt = puppet(account, key="Cora")
    alt.location = player.location
    alt.save()

    assert play(player, "train cora = lore") == (
        "You cannot teach yourself or your own characters."
    )
    assert not DevelopmentTransaction.objects.exists()


@pytest.mark.parametrize(
    "typed,answer",
    [
        ("train", "Usage: train <character> = <trait>"),
        ("train bruno", "Usage: train <character> = <trait>"),
        ("train nobody = lore", "There is no 'nobody' here to teach."),
        ("train bruno = flying", "There is no trait called 'flying'."),
    ],
)
def test_bad_input_is_one_line(play, player, other_player, lore, typed, answer):
    assert play(player, typed) == answer


def test_out_of_character_the_named_character_teaches(play, account, player, other_player, lore):
    out = play(account, "train Alice, Bruno = Lore")

    assert out == "Alice teaches Bruno Lore: 5 development points."
    row = DevelopmentTransaction.objects.get(character=other_player)
    assert (row.amount, row.source) == (5, DevelopmentSource.TEACHING)
    assert ExperiencePointsData.objects.get(account=account).total_earned == 1


def test_out_of_character_train_asks_which_character_teaches(
    play, account, player, other_player, lore
):
    assert play(account, "train Bruno = Lore") == (
        "Out of character: 'ic Alice' or 'train Alice, <pupil> = <trait>' (yours: Alice)."
    )
    assert not DevelopmentTransaction.objects.exists()


def test_a_teacher_out_of_the_game_world_cannot_teach(play, account, player, other_player, lore):
    player.location = None
    player.save()

    assert play(account, "train Alice, Bruno = Lore") == (
        "Alice is not in the game world: 'ic Alice' to teach."
    )
    assert not DevelopmentTransaction.objects.exists()


def test_out_of_character_the_student_must_be_beside_the_teacher(
    play, account, player, other_player, lore
):
    other_player.location = create.create_object("typeclasses.rooms.Room", key="Harbour")
    other_player.save()

    assert play(account, "train Alice, Bruno = Lore") == (
        "There is no 'Bruno' beside Alice to teach."
    )
    assert not DevelopmentTransaction.objects.exists()


def test_out_of_character_only_ones_own_character_teaches(
    play, account, player, other_player, lore
):
    assert play(account, "train Bruno, Alice = Lore") == "You have no character called 'Bruno'."
    assert not DevelopmentTransaction.objects.exists()
