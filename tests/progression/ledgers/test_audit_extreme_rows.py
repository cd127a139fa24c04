"""`progression_audit` and `--fix` answer for any ledger row the database can hold: a ledger whose
totals no balance can hold is reported, left for staff to correct, and the rest is rebuilt."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from world.progression.factories import KudosClaimCategoryFactory, KudosSourceCategoryFactory
from world.progression.models import ExperiencePointsData, KudosTransaction, XPTransaction
from world.progression.services import award_xp
from world.progression.types import ProgressionReason

pytestmark = pytest.mark.django_db


def _largest_amount() -> int:
    """The largest ledger amount the database stores: SQLite's integers are 64-bit, the
    IntegerField column is 32-bit on PostgreSQL."""
    return 2**63 - 1 if connection.vendor == "sqlite" else 2**31 - 1


def _fix() -> tuple[str, str]:
    out = StringIO()
    try:
        call_command("progression_audit", "--fix", stdout=out)
    except CommandError as error:
        return out.getvalue(), str(error)
    return out.getvalue(), ""


def test_fix_leaves_a_ledger_past_the_balance_limit_to_staff_and_rebuilds_the_rest(
    account, other_account
):
    # What award_cg_conversion_xp(character, 500_000_001, 2) used to leave: a ledger row and
    # no balance.
    XPTransaction.objects.create(
        account=account, amount=1_000_000_002, reason=ProgressionReason.SYSTEM_AWARD
    )
    award_xp(other_account, 7)
    ExperiencePointsData.objects.filter(account=other_account).update(total_earned=9)

    output, error = _fix()

    assert f"cannot be rebuilt: account XP of {account.username}" in output
    assert "Fixed 1 balance(s)" in output
    assert "1 balance(s) could not be rebuilt" in error
    assert ExperiencePointsData.objects.get(account=other_account).total_earned == 7
    assert not ExperiencePointsData.objects.filter(account=account).exists()


@pytest.mark.parametrize("sign", [1, -1])
def test_the_audit_and_fix_survive_ledger_rows_at_the_database_integer_limits(account, sign):
    largest = _largest_amount()
    amount = largest if sign > 0 else -largest - 1
    source, claim = KudosSourceCategoryFactory(), KudosClaimCategoryFactory()
    for _ in range(3):
        XPTransaction.objects.create(
            account=account, amount=amount, reason=ProgressionReason.CORRECTION
        )
        KudosTransaction.objects.create(
            account=account,
            amount=amount,
            source_category=source if amount > 0 else None,
            claim_category=None if amount > 0 else claim,
        )

    with pytest.raises(CommandError, match="2 balance"):
        call_command("progression_audit", stdout=StringIO())
    output, error = _fix()

    assert "Fixed 0 balance(s)" in output
    assert "2 balance(s) could not be rebuilt" in error
    assert f"total_earned None but ledger says {3 * amount}" in output
