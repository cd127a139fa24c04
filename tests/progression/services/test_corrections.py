"""Corrections of every pool post a CORRECTION ledger row with the reason given and leave the
audit clean; what cannot be taken back is refused and changes nothing."""

import pytest

from world.progression.exceptions import (
    InsufficientKudosError,
    InvalidAmountError,
    ProgressionError,
)
from world.progression.factories import KudosSourceCategoryFactory, TraitRatingUnlockFactory
from world.progression.models import (
    CharacterXP,
    CharacterXPTransaction,
    DevelopmentPoints,
    DevelopmentTransaction,
    KudosPointsData,
    KudosTransaction,
)
from world.progression.selectors.audit import find_mismatches
from world.progression.services import award_character_xp, award_development_points, award_kudos
from world.progression.services.corrections import (
    correct_character_xp,
    correct_class_level,
    correct_development,
    correct_kudos,
    correct_trait_value,
)
from world.progression.types import ProgressionReason
from world.traits.factories import TraitFactory
from world.traits.models import CharacterTraitValue

pytestmark = pytest.mark.django_db
CORRECTION = ProgressionReason.CORRECTION


def _value(character, trait) -> int:
    return CharacterTraitValue.objects.get(character=character, trait=trait).value


def test_a_kudos_correction_lowers_what_was_earned_with_its_reason(
    account, other_account, staff_account
):
    award_kudos(account, 10, KudosSourceCategoryFactory(), awarded_by=other_account)

    correct_kudos(account, -4, gm=staff_account, reason_text="Counted twice")

    kudos = KudosPointsData.objects.get(account=account)
    assert (kudos.total_earned, kudos.total_claimed) == (6, 0)
    row = KudosTransaction.objects.get(reason=CORRECTION)
    assert (row.amount, row.description, row.awarded_by) == (-4, "Counted twice", staff_account)
    assert find_mismatches() == []


def test_a_kudos_correction_cannot_take_more_than_is_available(account, staff_account):
    with pytest.raises(InsufficientKudosError):
        correct_kudos(account, -1, gm=staff_account, reason_text="Oops")
    assert not KudosTransaction.objects.exists()


def test_a_character_xp_correction_moves_the_pool_it_names(character, staff_account):
    award_character_xp(character, 20, transferable=False)

    correct_character_xp(
        character, -5, transferable=False, gm=staff_account, reason_text="Wrong scene"
    )
    correct_character_xp(character, 3, gm=staff_account, reason_text="Missed award")

    locked = CharacterXP.objects.get(character=character, transferable=False)
    transferable = CharacterXP.objects.get(character=character, transferable=True)
    assert (locked.total_earned, transferable.total_earned) == (15, 3)
    rows = CharacterXPTransaction.objects.filter(reason=CORRECTION).order_by("id")
    assert [(r.amount, r.description) for r in rows] == [
        (-5, "Wrong scene"),
        (3, "Missed award"),
    ]
    assert find_mismatches() == []


def test_a_development_correction_takes_back_from_the_bank_first(character, staff_account):
    trait = TraitFactory()
    TraitRatingUnlockFactory(trait=trait, target_rating=10)
    award_development_points(character, trait, "training", 15)  # 9 applied, 6 banked

    row = correct_development(character, trait, -8, gm=staff_account, reason_text="Farmed")

    points = DevelopmentPoints.objects.get(character=character, trait=trait)
    assert (points.total_earned, points.banked_points) == (7, 0)
    assert _value(character, trait) == 7
    assert (row.amount, row.banked, row.reason, row.description) == (-8, -6, CORRECTION, "Farmed")
    assert find_mismatches() == []


def test_a_positive_development_correction_applies_exactly_and_banks_past_a_threshold(
    character, staff_account
):
    trait = TraitFactory()
    TraitRatingUnlockFactory(trait=trait, target_rating=10)

    correct_development(character, trait, 12, gm=staff_account, reason_text="Missed scene")

    points = DevelopmentPoints.objects.get(character=character, trait=trait)
    assert (points.total_earned, points.banked_points, _value(character, trait)) == (12, 3, 9)
    assert find_mismatches() == []


def test_a_development_correction_cannot_take_back_more_than_was_earned(character, staff_account):
    trait = TraitFactory()
    award_development_points(character, trait, "training", 3)

    with pytest.raises(InvalidAmountError):
        correct_development(character, trait, -4, gm=staff_account, reason_text="Too much")
    assert not DevelopmentTransaction.objects.filter(reason=CORRECTION).exists()


@pytest.mark.parametrize(
    "correct",
    [
        lambda c, gm, trait, cls: correct_trait_value(c, trait, 5, gm=gm, reason_text=" "),
        lambda c, gm, trait, cls: correct_class_level(c, cls, 1, gm=gm, reason_text=""),
        lambda c, gm, trait, cls: correct_development(c, trait, 1, gm=gm, reason_text=""),
        lambda c, gm, trait, cls: correct_character_xp(c, 1, gm=gm, reason_text=""),
    ],
)
def test_every_correction_needs_a_reason(character, staff_account, correct):
    from world.classes.factories import CharacterClassFactory

    with pytest.raises(ProgressionError, match="needs a reason"):
        correct(character, staff_account, TraitFactory(), CharacterClassFactory())


def test_a_trait_value_correction_stays_within_the_scale(character, staff_account):
    trait = TraitFactory()
    with pytest.raises(InvalidAmountError):
        correct_trait_value(character, trait, -1, gm=staff_account, reason_text="Below zero")
    assert not CharacterTraitValue.objects.filter(character=character).exists()
