"""Every service that multiplies is bounded like the others: the inputs and the product.

Creation-point conversion (points x rate) and kudos claims (units x reward) pay XP, so what they
pay is an XP award and obeys PROGRESSION_MAX_XP_AWARD; a distinction's development-rate modifier
cannot carry an award past PROGRESSION_MAX_DEVELOPMENT_AWARD. Whatever a service accepts leaves
every balance equal to its ledger.
"""

import pytest
from django.db import IntegrityError, transaction
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from typeclasses.factories import AccountFactory, CharacterFactory
from world.mechanics.factories import (
    CharacterDistinctionFactory,
    DistinctionEffectFactory,
    DistinctionFactory,
    ModifierTypeFactory,
)
from world.progression.exceptions import InvalidAmountError
from world.progression.factories import KudosClaimCategoryFactory, KudosSourceCategoryFactory
from world.progression.models import (
    CharacterXP,
    CharacterXPTransaction,
    KudosPointsData,
    KudosTransaction,
    XPTransaction,
)
from world.progression.rules.amounts import BALANCE_LIMIT
from world.progression.selectors.audit import find_mismatches
from world.progression.services import (
    award_cg_conversion_xp,
    award_development_points,
    award_kudos,
    claim_kudos,
)
from world.progression.services.xp import post_character_xp
from world.progression.types import ProgressionReason
from world.traits.factories import TraitFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "points,rate",
    [
        (500_000_001, 2),  # the attack: a 1,000,000,002 row with no balance
        (5_001, 2),  # each input fits; the product does not
        (2**62, 2),  # crashed converting to a database integer
        (1, 10_001),
        (10**30, 10**30),
    ],
)
def test_a_creation_point_conversion_past_the_xp_maximum_is_refused_and_changes_nothing(
    character, points, rate
):
    with pytest.raises(InvalidAmountError, match="at most 10,000"):
        award_cg_conversion_xp(character, points, rate)

    assert not CharacterXPTransaction.objects.exists()
    assert not CharacterXP.objects.exists()
    assert find_mismatches() == []


def test_a_creation_point_conversion_of_exactly_the_maximum_is_paid(character):
    award_cg_conversion_xp(character, 5_000, 2)

    assert CharacterXP.objects.get(character=character, transferable=False).total_earned == 10_000


@override_settings(PROGRESSION_MAX_XP_AWARD=30)
def test_the_conversion_maximum_is_the_xp_award_setting(character):
    with pytest.raises(InvalidAmountError, match="at most 30"):
        award_cg_conversion_xp(character, 16, 2)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(points=st.integers(-5, 20_000), rate=st.integers(1, 20_000))
def test_any_conversion_the_service_accepts_keeps_the_audit_clean(db, points, rate):
    with transaction.atomic():
        # A fresh account each example: Evennia caches an account's characters in memory, past
        # the rollback, and allows only a few.
        character = CharacterFactory(account=AccountFactory())
        try:
            row = award_cg_conversion_xp(character, points, rate)
        except InvalidAmountError:
            assert points * rate > 10_000 or rate > 10_000
            assert not CharacterXPTransaction.objects.filter(character=character).exists()
        else:
            assert row is None or row.amount == points * rate <= 10_000
        assert find_mismatches() == []
        transaction.set_rollback(True)


def test_a_posting_that_would_open_a_balance_past_the_limit_writes_no_ledger_row(character):
    with pytest.raises(IntegrityError), transaction.atomic():
        post_character_xp(
            character,
            BALANCE_LIMIT + 1,
            transferable=False,
            reason=ProgressionReason.SYSTEM_AWARD,
        )

    assert not CharacterXPTransaction.objects.exists()
    assert find_mismatches() == []


def test_a_kudos_claim_whose_reward_passes_the_xp_maximum_is_refused_and_changes_nothing(account):
    award_kudos(account, 1_000, KudosSourceCategoryFactory())
    generous = KudosClaimCategoryFactory(name="xp", kudos_cost=1, reward_amount=2_000_000_000)

    with pytest.raises(InvalidAmountError, match="at most 10,000"):
        claim_kudos(account, 1_000, generous)

    assert KudosPointsData.objects.get(account=account).total_claimed == 0
    assert not XPTransaction.objects.exists()
    assert KudosTransaction.objects.count() == 1
    assert find_mismatches() == []


def test_a_development_rate_modifier_cannot_carry_an_award_past_the_maximum(character):
    distinction = DistinctionFactory()
    DistinctionEffectFactory(
        distinction=distinction,
        modifier_type=ModifierTypeFactory(name="all_skill_development_rate"),
        value=2_000_000_000,
    )
    CharacterDistinctionFactory(character=character, distinction=distinction)

    row = award_development_points(character, TraitFactory(), "training", 1_000)

    assert row.amount == 1_000
    assert find_mismatches() == []
