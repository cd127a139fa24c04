"""`progression_generate`: a big game by bulk inserts whose balances equal their ledgers."""

from io import StringIO

import pytest
from django.core.management import call_command
from evennia.accounts.models import AccountDB
from evennia.objects.models import ObjectDB

from world.progression.demo.generate import GameSize, generate
from world.progression.models import CharacterUnlock, KudosTransaction, XPTransaction
from world.progression.selectors import owned_characters, owner_of
from world.progression.selectors.audit import find_mismatches
from world.progression.types import ProgressionReason

pytestmark = pytest.mark.django_db

SIZE = GameSize(accounts=20, characters=50, ledger_rows=3_000)


def test_generated_balances_equal_their_ledgers():
    counts = generate(SIZE, seed=1)
    assert (counts["accounts"], counts["characters"]) == (20, 50)
    ledger_rows = sum(counts[k] for k in ("xp", "kudos", "character_xp", "development"))
    assert ledger_rows == pytest.approx(SIZE.ledger_rows, rel=0.1)
    assert find_mismatches() == []


def test_generated_characters_belong_to_their_accounts_as_evennia_sees_them():
    generate(SIZE, seed=2)
    character = ObjectDB.objects.filter(db_typeclass_path="typeclasses.characters.Character").last()
    account = owner_of(character)
    assert character in owned_characters(account)
    assert character in account.characters.all()
    assert account.permissions.check("Player")
    assert not account.check_password("")  # an unusable password: nobody logs in as it


def test_generated_history_is_a_year_of_mixed_reasons_and_purchases():
    generate(SIZE, seed=3)
    reasons = set(XPTransaction.objects.values_list("reason", flat=True))
    assert {ProgressionReason.SCENE_AWARD, ProgressionReason.KUDOS_CLAIM} <= reasons
    assert CharacterUnlock.objects.exists()
    claim = XPTransaction.objects.filter(reason=ProgressionReason.KUDOS_CLAIM).first()
    assert KudosTransaction.objects.get(pk=claim.kudos_transaction_id).amount < 0
    dates = XPTransaction.objects.values_list("transaction_date", flat=True)
    assert (max(dates) - min(dates)).days > 180


def test_the_command_prints_what_it_wrote_and_a_second_run_adds_more():
    out = StringIO()
    call_command("progression_generate", "--accounts", "5", "--characters", "8",
                 "--ledger-rows", "300", "--seed", "4", stdout=out)  # fmt: skip
    call_command("progression_generate", "--accounts", "5", "--characters", "8",
                 "--ledger-rows", "300", "--seed", "4", stdout=StringIO())  # fmt: skip
    assert "accounts" in out.getvalue()
    assert AccountDB.objects.count() == 10
    assert find_mismatches() == []
