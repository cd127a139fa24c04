import pytest

from world.progression.exceptions import (
    InactiveCategoryError,
    InsufficientKudosError,
    InvalidAmountError,
    SelfAwardError,
    StaffOnlyCategoryError,
)
from world.progression.factories import KudosClaimCategoryFactory, KudosSourceCategoryFactory
from world.progression.models import (
    ExperiencePointsData,
    KudosClaimCategory,
    KudosPointsData,
    KudosTransaction,
    XPTransaction,
)
from world.progression.services import award_kudos, claim_kudos
from world.progression.types import AwardResult, ClaimResult, ProgressionReason


@pytest.fixture
def source(db):
    return KudosSourceCategoryFactory(name="good-sport", display_name="Good sport")


@pytest.fixture
def xp_claim(db):
    return KudosClaimCategoryFactory(name="xp", display_name="XP", kudos_cost=10, reward_amount=3)


def test_award_kudos_returns_balance_and_positive_transaction(account, other_account, source):
    result = award_kudos(account, 5, source, "Great scene", awarded_by=other_account)
    assert isinstance(result, AwardResult)
    assert result.points_data.current_available == 5
    assert (result.transaction.amount, result.transaction.source_category_id) == (5, source.pk)
    assert result.transaction.claim_category_id is None


def test_claim_into_xp_credits_account_xp_in_the_same_transaction(account, source, xp_claim):
    award_kudos(account, 25, source)
    result = claim_kudos(account, 20, xp_claim)
    assert isinstance(result, ClaimResult)
    assert result.reward_amount == 6
    assert result.points_data.current_available == 5
    assert (result.transaction.amount, result.transaction.claim_category_id) == (-20, xp_claim.pk)
    xp_tx = XPTransaction.objects.get(account=account)
    assert (xp_tx.amount, xp_tx.reason) == (6, ProgressionReason.KUDOS_CLAIM)
    assert xp_tx.kudos_transaction_id == result.transaction.pk
    assert ExperiencePointsData.objects.get(account=account).current_available == 6


def test_claim_in_another_category_returns_the_reward_without_xp(account, source):
    title = KudosClaimCategoryFactory(name="title", kudos_cost=5, reward_amount=1)
    award_kudos(account, 10, source)
    result = claim_kudos(account, 10, title)
    assert result.reward_amount == 2 and result.xp_transaction is None
    assert not XPTransaction.objects.filter(account=account).exists()


def test_claim_of_a_partial_unit_is_refused_naming_valid_amounts(account, source, xp_claim):
    award_kudos(account, 30, source)
    with pytest.raises(InvalidAmountError, match=r"claim 10 or 20, not 15"):
        claim_kudos(account, 15, xp_claim)
    assert KudosPointsData.objects.get(account=account).total_claimed == 0


def test_insufficient_kudos_says_have_and_need(account, source, xp_claim):
    award_kudos(account, 5, source)
    with pytest.raises(InsufficientKudosError, match=r"need 10, have 5"):
        claim_kudos(account, 10, xp_claim)
    assert KudosTransaction.objects.filter(account=account).count() == 1
    assert not XPTransaction.objects.exists()


def test_inactive_categories_are_refused(account, source, xp_claim):
    KudosSourceCategory = type(source)
    KudosSourceCategory.objects.filter(pk=source.pk).update(is_active=False)
    source.is_active = False
    with pytest.raises(InactiveCategoryError):
        award_kudos(account, 5, source)
    xp_claim.is_active = False
    with pytest.raises(InactiveCategoryError):
        claim_kudos(account, 10, xp_claim)
    assert not KudosTransaction.objects.exists()


def test_staff_only_category_refuses_players_and_accepts_staff(
    account, other_account, staff_account
):
    staff_only = KudosSourceCategoryFactory(name="staff-pick", staff_only=True)
    with pytest.raises(StaffOnlyCategoryError):
        award_kudos(account, 5, staff_only, awarded_by=other_account)
    award_kudos(account, 5, staff_only, awarded_by=staff_account)
    assert KudosPointsData.objects.get(account=account).total_earned == 5


def test_an_account_cannot_award_itself(account, source):
    with pytest.raises(SelfAwardError):
        award_kudos(account, 5, source, awarded_by=account)
    assert not KudosTransaction.objects.exists()


def test_repeated_claim_with_the_same_key_changes_nothing(account, source, xp_claim):
    award_kudos(account, 40, source)
    first = claim_kudos(account, 20, xp_claim, idempotency_key="claim-1")
    again = claim_kudos(account, 20, xp_claim, idempotency_key="claim-1")
    assert again.transaction.pk == first.transaction.pk
    assert again.xp_transaction.pk == first.xp_transaction.pk
    assert KudosPointsData.objects.get(account=account).total_claimed == 20
    assert XPTransaction.objects.count() == 1


@pytest.mark.parametrize(
    ("cost", "reward", "kudos", "expected"),
    [(10, 3, 20, 6), (10, 3, 25, 6), (10, 3, 9, 0), (0, 3, 20, 0), (10, 0, 20, 0)],
)
def test_calculate_reward_counts_whole_units(cost, reward, kudos, expected):
    category = KudosClaimCategory(kudos_cost=cost, reward_amount=reward)
    assert category.calculate_reward(kudos) == expected


@pytest.mark.parametrize(
    ("cost", "reward", "wanted", "expected"),
    [(10, 3, 5, 20), (10, 3, 6, 20), (10, 3, 7, 30), (0, 3, 5, 0), (10, 0, 5, 0)],
)
def test_calculate_kudos_needed_rounds_up_to_whole_units(cost, reward, wanted, expected):
    category = KudosClaimCategory(kudos_cost=cost, reward_amount=reward)
    assert category.calculate_kudos_needed(wanted) == expected


def test_the_database_refuses_a_kudos_row_with_both_categories(account, source, xp_claim):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        KudosTransaction.objects.create(
            account=account, amount=5, source_category=source, claim_category=xp_claim
        )
