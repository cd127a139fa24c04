"""The staff commands `award` and `correct`: each moves one number through its service, with a
ledger row, and leaves the audit clean; players are refused."""

import pytest

from world.classes.factories import CharacterClassFactory
from world.classes.models import CharacterClassLevel
from world.progression.factories import KudosSourceCategoryFactory
from world.progression.models import (
    CharacterXP,
    CharacterXPTransaction,
    ClassLevelTransaction,
    DevelopmentPoints,
    DevelopmentTransaction,
    KudosPointsData,
    KudosTransaction,
    TraitValueTransaction,
)
from world.progression.selectors.audit import find_mismatches
from world.progression.services import award_character_xp, award_development_points, award_kudos
from world.progression.types import DevelopmentSource, ProgressionReason
from world.traits.factories import TraitFactory
from world.traits.models import CharacterTraitValue

pytestmark = pytest.mark.django_db
CORRECTION = ProgressionReason.CORRECTION


@pytest.fixture
def lore(db):
    return TraitFactory(name="Lore")


def test_award_charxp_gives_the_character_transferable_xp(play, staff, staff_account, player):
    out = play(staff, "award/charxp Alice = 12 : led the hunt")

    assert out == "You award Alice 12 transferable XP: led the hunt"
    row = CharacterXPTransaction.objects.get(character=player)
    assert (row.amount, row.transferable, row.reason, row.gm) == (
        12,
        True,
        ProgressionReason.GM_AWARD,
        staff_account,
    )


def test_award_charxp_locked_goes_to_the_locked_pool(play, staff, player):
    play(staff, "award/charxp/locked Alice = 4")

    assert CharacterXP.objects.get(character=player).transferable is False


@pytest.mark.parametrize(
    ("switch", "source"),
    [
        ("dev", DevelopmentSource.OTHER),
        ("quest", DevelopmentSource.QUEST),
        ("exploration", DevelopmentSource.EXPLORATION),
    ],
)
def test_award_development_records_its_source(play, staff, player, lore, switch, source):
    out = play(staff, f"award/{switch} Alice = Lore 5 : mapped the catacombs")

    assert out.startswith("You award Alice 5 Lore development points")
    row = DevelopmentTransaction.objects.get(character=player)
    assert (row.source, row.reason, row.description) == (
        source,
        ProgressionReason.GM_AWARD,
        "mapped the catacombs",
    )
    assert CharacterTraitValue.objects.get(character=player, trait=lore).value == 5
    assert find_mismatches() == []


def test_award_conversion_turns_creation_points_into_locked_xp(play, staff, player):
    out = play(staff, "award/conversion Alice = 6 3")

    assert out == "Alice gets 18 locked XP for 6 creation points."
    pool = CharacterXP.objects.get(character=player, transferable=False)
    assert pool.total_earned == 18


def test_players_cannot_use_the_staff_commands(play, player, other_player):
    assert play(player, "award/charxp Bruno = 5") == "Only staff can use award."
    assert play(player, "correct/trait Bruno = Lore +5 : x") == "Only staff can use correct."
    assert not CharacterXPTransaction.objects.exists()


def test_correct_kudos(play, staff, staff_account, account, other_account, player):
    award_kudos(account, 10, KudosSourceCategoryFactory(), awarded_by=other_account)

    out = play(staff, "correct/kudos Alice = -3 : gave twice")

    assert out == "Corrected Alice's kudos by -3: gave twice"
    assert KudosPointsData.objects.get(account=account).total_earned == 7
    row = KudosTransaction.objects.get(reason=CORRECTION)
    assert (row.amount, row.awarded_by) == (-3, staff_account)
    assert find_mismatches() == []


def test_correct_charxp(play, staff, player):
    award_character_xp(player, 10, transferable=False)

    play(staff, "correct/charxp/locked Alice = -4 : wrong scene")

    assert CharacterXP.objects.get(character=player, transferable=False).total_earned == 6
    assert CharacterXPTransaction.objects.get(reason=CORRECTION).description == "wrong scene"
    assert find_mismatches() == []


def test_correct_dev(play, staff, player, lore):
    award_development_points(player, lore, "training", 6)

    out = play(staff, "correct/dev Alice = Lore -2 : farmed")

    assert out == "Corrected Alice's Lore development by -2 points: farmed"
    assert DevelopmentPoints.objects.get(character=player).total_earned == 4
    assert CharacterTraitValue.objects.get(character=player).value == 4
    assert find_mismatches() == []


def test_correct_trait(play, staff, player, lore):
    out = play(staff, "correct/trait Alice = Lore +10 : starting value")

    assert out == "Corrected Alice's Lore by +10: starting value"
    assert CharacterTraitValue.objects.get(character=player).value == 10
    assert TraitValueTransaction.objects.get().reason == CORRECTION
    assert find_mismatches() == []


def test_correct_level(play, staff, player):
    CharacterClassFactory(name="Warrior")

    out = play(staff, "correct/level Alice = Warrior +1 : starting class")

    assert out == "Corrected Alice's Warrior level by +1: starting class"
    assert CharacterClassLevel.objects.get(character=player).level == 1
    assert ClassLevelTransaction.objects.get().description == "starting class"
    assert find_mismatches() == []


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("correct/trait Alice = Lore +5", "A correction needs a reason."),
        ("correct/trait Alice = Nothing +5 : x", "There is no trait called 'Nothing'."),
        ("correct/level Alice = Nobody +1 : x", "There is no class called 'Nobody'."),
        ("correct/trait Nobody = Lore +5 : x", "There is no character called 'Nobody'."),
        ("correct Alice = Lore +5 : x", "Usage: correct/"),
    ],
)
def test_bad_correction_input_gets_one_line_and_changes_nothing(
    play, staff, player, lore, typed, message
):
    assert play(staff, typed).startswith(message)
    assert not TraitValueTransaction.objects.exists()


def test_a_kudos_correction_is_told_as_a_correction_in_the_history(
    play, staff, account, other_account, player
):
    award_kudos(account, 10, KudosSourceCategoryFactory(), awarded_by=other_account)
    play(staff, "correct/kudos Alice = -3 : gave twice")

    assert "-3 kudos: correction (gave twice)" in play(player, "xp/history")
