import pytest

from world.progression.exceptions import InvalidAmountError, ProgressionError
from world.progression.models import ExperiencePointsData, XPTransaction
from world.progression.services import award_xp, get_or_create_xp_tracker
from world.progression.types import ProgressionReason


def test_award_xp_returns_the_transaction_and_raises_the_balance(account, staff_account):
    tx = award_xp(
        account, 50, reason=ProgressionReason.GM_AWARD, description="Quest", gm=staff_account
    )
    assert isinstance(tx, XPTransaction)
    assert (tx.amount, tx.reason, tx.description, tx.gm_id) == (
        50,
        ProgressionReason.GM_AWARD,
        "Quest",
        staff_account.pk,
    )
    assert ExperiencePointsData.objects.get(account=account).current_available == 50


def test_award_xp_defaults_to_a_system_award(account):
    assert award_xp(account, 5).reason == ProgressionReason.SYSTEM_AWARD


@pytest.mark.parametrize("amount", [0, -5, 2.5, "10", True, None])
def test_award_xp_refuses_bad_amounts_and_changes_nothing(account, amount):
    with pytest.raises(InvalidAmountError):
        award_xp(account, amount)
    assert not XPTransaction.objects.filter(account=account).exists()
    assert not ExperiencePointsData.objects.filter(account=account).exists()


def test_invalid_amount_is_both_a_value_error_and_a_progression_error(account):
    with pytest.raises(ValueError):
        award_xp(account, -1)
    with pytest.raises(ProgressionError):
        award_xp(account, -1)


def test_get_or_create_xp_tracker_makes_one_zero_row(account):
    tracker = get_or_create_xp_tracker(account)
    assert (tracker.total_earned, tracker.total_spent) == (0, 0)
    assert get_or_create_xp_tracker(account).pk == tracker.pk


def test_model_methods_go_through_the_audited_path(account):
    tracker = get_or_create_xp_tracker(account)
    tracker.award_xp(30)
    assert tracker.current_available == 30
    assert tracker.can_spend(30) and not tracker.can_spend(31)
    assert tracker.spend_xp(20) is True
    assert (tracker.total_earned, tracker.total_spent) == (30, 20)
    assert XPTransaction.objects.filter(account=account).count() == 2


def test_spend_xp_returns_false_and_changes_nothing_when_short(account):
    tracker = get_or_create_xp_tracker(account)
    tracker.award_xp(10)
    assert tracker.spend_xp(11) is False
    assert (tracker.total_earned, tracker.total_spent) == (10, 0)
    assert XPTransaction.objects.filter(account=account).count() == 1


def test_a_stale_instance_cannot_overspend(account):
    award_xp(account, 100)
    stale = ExperiencePointsData.objects.get(account=account)
    fresh = ExperiencePointsData.objects.get(account=account)
    assert fresh.spend_xp(60) is True
    # `stale` still believes 100 are available; the database knows better.
    assert stale.current_available == 100
    assert stale.spend_xp(60) is False
    assert stale.current_available == 40


def test_the_database_refuses_spent_above_earned(account):
    from django.db import IntegrityError, transaction

    award_xp(account, 10)
    with pytest.raises(IntegrityError), transaction.atomic():
        ExperiencePointsData.objects.filter(account=account).update(total_spent=11)


def test_idempotent_award_returns_the_first_transaction(account):
    first = award_xp(account, 10, idempotency_key="quest-42")
    again = award_xp(account, 10, idempotency_key="quest-42")
    assert again.pk == first.pk
    assert ExperiencePointsData.objects.get(account=account).total_earned == 10


def test_idempotency_key_of_another_account_is_refused(account, other_account):
    from world.progression.exceptions import IdempotencyConflictError

    award_xp(account, 10, idempotency_key="shared")
    with pytest.raises(IdempotencyConflictError):
        award_xp(other_account, 10, idempotency_key="shared")
    assert not ExperiencePointsData.objects.filter(account=other_account).exists()


@pytest.mark.django_db(transaction=True)
def test_award_xp_on_an_existing_balance_is_one_update_and_one_insert():
    # Outside any test transaction the service's atomic block is the real transaction. Django 6
    # reports BEGIN and COMMIT as statements too, so the whole award is four: BEGIN, one
    # conditional UPDATE of the balance, one INSERT of the ledger row, COMMIT.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from typeclasses.factories import AccountFactory

    account = AccountFactory()
    award_xp(account, 1)
    with CaptureQueriesContext(connection) as captured:
        award_xp(account, 1)
    verbs = [query["sql"].split()[0].upper() for query in captured.captured_queries]
    assert verbs == ["BEGIN", "UPDATE", "INSERT", "COMMIT"]
