import pytest
from django.db import IntegrityError, transaction

from world.progression.exceptions import AlreadyConvertedError, InvalidAmountError
from world.progression.models import CharacterXP, CharacterXPTransaction
from world.progression.services import award_cg_conversion_xp, award_character_xp
from world.progression.types import ProgressionReason


def test_cg_conversion_gives_locked_xp_and_a_transaction(character):
    tx = award_cg_conversion_xp(character, remaining_cg_points=10, conversion_rate=2)
    pool = CharacterXP.objects.get(character=character)
    assert (pool.transferable, pool.current_available) == (False, 20)
    assert (tx.amount, tx.reason, tx.transferable) == (20, ProgressionReason.CG_CONVERSION, False)


@pytest.mark.parametrize("remaining", [0, -3])
def test_cg_conversion_of_nothing_does_nothing(character, remaining):
    assert award_cg_conversion_xp(character, remaining_cg_points=remaining) is None
    assert not CharacterXP.objects.filter(character=character).exists()


def test_cg_conversion_happens_once(character):
    award_cg_conversion_xp(character, remaining_cg_points=5)
    with pytest.raises(AlreadyConvertedError):
        award_cg_conversion_xp(character, remaining_cg_points=5)
    assert CharacterXP.objects.get(character=character).total_earned == 10
    assert CharacterXPTransaction.objects.filter(character=character).count() == 1


def test_cg_conversion_refuses_a_non_integer_rate(character):
    with pytest.raises(InvalidAmountError):
        award_cg_conversion_xp(character, remaining_cg_points=5, conversion_rate=1.5)


def test_locked_and_transferable_pools_are_separate_rows(character):
    award_character_xp(character, 7, transferable=True)
    award_character_xp(character, 3, transferable=False)
    pools = {
        p.transferable: p.current_available for p in CharacterXP.objects.filter(character=character)
    }
    assert pools == {True: 7, False: 3}


def test_one_pool_per_character_and_kind_in_the_database(character):
    award_character_xp(character, 7, transferable=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        CharacterXP.objects.create(character=character, transferable=True)


def test_character_xp_model_methods_are_audited(character):
    award_character_xp(character, 10, transferable=True)
    pool = CharacterXP.objects.get(character=character, transferable=True)
    assert pool.spend_xp(4) is True
    assert pool.spend_xp(7) is False
    pool.award_xp(2)
    assert (pool.total_earned, pool.total_spent) == (12, 4)
    assert CharacterXPTransaction.objects.filter(character=character).count() == 3
