import pytest

from world.progression.exceptions import (
    InactiveCategoryError,
    InsufficientKudosError,
    InvalidAmountError,
    RewardRequestClosedError,
    SelfAwardError,
    StaffOnlyCategoryError,
)
from world.progression.factories import KudosClaimCategoryFactory, KudosSourceCategoryFactory
from world.progression.models import (
    ExperiencePointsData,
    KudosClaimCategory,
    KudosPointsData,
    KudosRewardKind,
    KudosRewardRequest,
    KudosRewardRequestStatus,
    KudosTransaction,
    XPTransaction,
)
from world.progression.services import award_kudos, claim_kudos
from world.progression.services.kudos import cancel_kudos_reward, deliver_kudos_reward
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


@pytest.fixture
def title_claim(db):
    return KudosClaimCategoryFactory(
        name="title",
        display_name="A title",
        kudos_cost=5,
        reward_amount=1,
        reward_kind=KudosRewardKind.STAFF_DELIVERED,
    )


def test_claim_in_a_staff_delivered_category_returns_the_reward_without_xp(
    account, source, title_claim
):
    award_kudos(account, 10, source)
    result = claim_kudos(account, 10, title_claim)
    assert result.reward_amount == 2 and result.xp_transaction is None
    assert not XPTransaction.objects.filter(account=account).exists()


def test_a_renamed_xp_category_still_credits_xp(account, source):
    bonus = KudosClaimCategoryFactory(
        name="bonus-xp", kudos_cost=10, reward_amount=3, reward_kind=KudosRewardKind.XP
    )
    award_kudos(account, 10, source)
    result = claim_kudos(account, 10, bonus)
    assert result.xp_transaction.amount == 3
    assert ExperiencePointsData.objects.get(account=account).current_available == 3


def test_a_category_named_xp_gives_what_its_kind_says_not_its_name(account, source):
    named_xp = KudosClaimCategoryFactory(
        name="xp", kudos_cost=10, reward_amount=3, reward_kind=KudosRewardKind.STAFF_DELIVERED
    )
    award_kudos(account, 10, source)
    result = claim_kudos(account, 10, named_xp)
    assert result.xp_transaction is None
    assert not ExperiencePointsData.objects.filter(account=account).exists()
    assert KudosRewardRequest.objects.get().claim_transaction_id == result.transaction.pk


def test_a_staff_delivered_claim_opens_a_request_and_says_staff_will_deliver(
    account, source, title_claim
):
    award_kudos(account, 10, source)
    result = claim_kudos(account, 10, title_claim)
    request = KudosRewardRequest.objects.get()
    assert (request.account_id, request.category_id, request.reward_amount) == (
        account.pk,
        title_claim.pk,
        2,
    )
    assert request.claim_transaction_id == result.transaction.pk
    assert request.status == KudosRewardRequestStatus.OPEN
    assert (request.closed_by_id, request.closed_at) == (None, None)
    assert result.transaction.description == "Claimed 2 A title; staff will deliver it"


def test_a_repeated_staff_delivered_claim_opens_one_request(account, source, title_claim):
    award_kudos(account, 20, source)
    first = claim_kudos(account, 10, title_claim, idempotency_key="title-1")
    again = claim_kudos(account, 10, title_claim, idempotency_key="title-1")
    assert again.transaction.pk == first.transaction.pk
    assert KudosRewardRequest.objects.count() == 1
    assert KudosPointsData.objects.get(account=account).total_claimed == 10


def test_a_refused_staff_delivered_claim_opens_no_request(account, source, title_claim):
    award_kudos(account, 5, source)
    with pytest.raises(InsufficientKudosError):
        claim_kudos(account, 10, title_claim)
    assert not KudosRewardRequest.objects.exists()


@pytest.fixture
def open_request(account, source, title_claim):
    award_kudos(account, 5, source)
    claim_kudos(account, 5, title_claim)
    return KudosRewardRequest.objects.get()


def test_delivering_a_request_records_who_and_when(open_request, staff_account):
    closed = deliver_kudos_reward(reward_request=open_request, staff=staff_account, note="Set")
    open_request.refresh_from_db()
    assert open_request.status == KudosRewardRequestStatus.DELIVERED
    assert open_request.closed_by_id == staff_account.pk
    assert open_request.closed_at is not None and open_request.staff_note == "Set"
    assert closed.pk == open_request.pk


def test_cancelling_a_request_keeps_the_kudos_claimed(account, open_request, staff_account):
    cancel_kudos_reward(reward_request=open_request, staff=staff_account)
    open_request.refresh_from_db()
    assert open_request.status == KudosRewardRequestStatus.CANCELLED
    assert KudosPointsData.objects.get(account=account).total_claimed == 5


def test_a_closed_request_cannot_be_closed_again(open_request, staff_account, other_account):
    deliver_kudos_reward(reward_request=open_request, staff=staff_account)
    with pytest.raises(RewardRequestClosedError, match="already closed as delivered"):
        cancel_kudos_reward(reward_request=open_request, staff=other_account)
    open_request.refresh_from_db()
    assert open_request.status == KudosRewardRequestStatus.DELIVERED
    assert open_request.closed_by_id == staff_account.pk


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


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_staff_closing_one_request_at_once_close_it_once():
    import threading

    from django.db import connection

    from typeclasses.factories import AccountFactory, StaffAccountFactory

    account = AccountFactory()
    title = KudosClaimCategoryFactory(
        name="title", kudos_cost=5, reward_kind=KudosRewardKind.STAFF_DELIVERED
    )
    award_kudos(account, 5, KudosSourceCategoryFactory(name="good-sport"))
    claim_kudos(account, 5, title)
    request = KudosRewardRequest.objects.get()
    staff = [StaffAccountFactory() for _ in range(4)]
    outcomes = []
    start = threading.Barrier(len(staff))

    def close(member, service):
        try:
            start.wait()
            service(reward_request=request, staff=member)
            outcomes.append("closed")
        except RewardRequestClosedError:
            outcomes.append("refused")
        finally:
            connection.close()

    services = [deliver_kudos_reward, cancel_kudos_reward] * 2
    pairs = zip(staff, services, strict=True)
    threads = [threading.Thread(target=close, args=pair) for pair in pairs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["closed"] + ["refused"] * 3
    request.refresh_from_db()
    assert request.closed_by_id in {member.pk for member in staff}
