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


LEDGER_MODELS = [
    "ExperiencePointsData",
    "XPTransaction",
    "CharacterXP",
    "CharacterXPTransaction",
    "KudosPointsData",
    "KudosTransaction",
]


@pytest.mark.parametrize("name", LEDGER_MODELS)
def test_no_save_signal_handler_would_be_skipped_by_the_ledgers_sql(name):
    # services/ledger.py writes balances and ledger rows with its own UPDATE and INSERT, which
    # send no save signals. Evennia's idmapper handler is connected to every model but acts on
    # its own cached models only; any other handler on these models would be silently skipped.
    from django.db.models.signals import post_save, pre_save

    from world.progression import models

    model = getattr(models, name)
    for signal in (pre_save, post_save):
        sync, asynchronous = signal._live_receivers(model)
        handlers = [f"{r.__module__}.{r.__qualname__}" for r in [*sync, *asynchronous]]
        assert set(handlers) <= {"evennia.utils.idmapper.models.update_cached_instance"}


def test_a_posted_row_reads_back_exactly_as_returned(account):
    row = post_account_xp(
        account, 7, reason=ProgressionReason.GM_AWARD, description="Ledger"
    ).transaction

    stored = XPTransaction.objects.get(pk=row.pk)
    assert row._state.adding is False
    assert (stored.amount, stored.reason, stored.description) == (7, "gm_award", "Ledger")
    assert stored.transaction_date == row.transaction_date
    assert stored.account_id == account.pk
