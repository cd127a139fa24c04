import pytest

from world.progression.exceptions import InsufficientXPError
from world.progression.models import ExperiencePointsData, XPTransaction
from world.progression.services.xp import post_account_xp, spend_account_xp
from world.progression.types import ProgressionReason


def test_first_posting_creates_the_balance_row(account):
    post_account_xp(account, 30, reason=ProgressionReason.GM_AWARD)
    balance = ExperiencePointsData.objects.get(account=account)
    assert (balance.total_earned, balance.total_spent) == (30, 0)


def test_spending_more_than_available_changes_nothing(account):
    post_account_xp(account, 30, reason=ProgressionReason.GM_AWARD)
    with pytest.raises(InsufficientXPError, match=r"need 31, have 30"):
        spend_account_xp(account, 31)
    balance = ExperiencePointsData.objects.get(account=account)
    assert (balance.total_earned, balance.total_spent) == (30, 0)
    assert XPTransaction.objects.filter(account=account).count() == 1


def test_refund_lowers_spent_and_correction_lowers_earned(account):
    post_account_xp(account, 30, reason=ProgressionReason.GM_AWARD)
    spend_account_xp(account, 20)
    post_account_xp(account, 5, reason=ProgressionReason.REFUND)
    post_account_xp(account, -10, reason=ProgressionReason.CORRECTION)
    balance = ExperiencePointsData.objects.get(account=account)
    assert (balance.total_earned, balance.total_spent) == (20, 15)


def test_repeated_idempotency_key_returns_the_first_row(account):
    first = post_account_xp(account, 7, reason=ProgressionReason.GM_AWARD, idempotency_key="k1")
    again = post_account_xp(account, 7, reason=ProgressionReason.GM_AWARD, idempotency_key="k1")
    assert again.replayed and again.transaction.pk == first.transaction.pk
    assert ExperiencePointsData.objects.get(account=account).total_earned == 7
