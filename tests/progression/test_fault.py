"""A database error in the middle of a purchase leaves every balance and ledger as it was."""

import pytest
from django.db import DatabaseError, connection

from typeclasses.factories import AccountFactory, CharacterFactory
from world.classes.models import CharacterClassLevel
from world.progression.factories import (
    ClassLevelUnlockFactory,
    ClassXPCostFactory,
    XPCostEntryFactory,
)
from world.progression.models import (
    CharacterUnlock,
    CharacterXP,
    CharacterXPTransaction,
    ExperiencePointsData,
    XPTransaction,
)
from world.progression.services import award_cg_conversion_xp, award_xp, purchase_unlock


def _fail_ledger_inserts_into(table):
    def wrapper(execute, sql, params, many, context):
        if sql.startswith("INSERT") and f'"{table}"' in sql:
            raise DatabaseError(f"injected failure writing {table}")
        return execute(sql, params, many, context)

    return wrapper


def _state(character, account):
    return (
        list(
            CharacterXP.objects.filter(character=character).values_list(
                "total_earned", "total_spent"
            )
        ),
        list(
            ExperiencePointsData.objects.filter(account=account).values_list(
                "total_earned", "total_spent"
            )
        ),
        CharacterXPTransaction.objects.filter(character=character).count(),
        XPTransaction.objects.filter(account=account).count(),
        CharacterUnlock.objects.filter(character=character).count(),
        CharacterClassLevel.objects.filter(character=character).count(),
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "failing_table", ["progression_xptransaction", "progression_characterxptransaction"]
)
def test_a_failed_ledger_insert_mid_purchase_changes_nothing(failing_table):
    account = AccountFactory()
    character = CharacterFactory(account=account)
    unlock = ClassLevelUnlockFactory(target_level=1)
    chart = ClassXPCostFactory(character_class=unlock.character_class).cost_chart
    XPCostEntryFactory(chart=chart, level=1, xp_cost=30)
    # 20 locked XP on the character and the rest from the account: the purchase writes the
    # character's ledger first and the account's second, so either failure lands mid-purchase.
    award_cg_conversion_xp(character, remaining_cg_points=10, conversion_rate=2)
    award_xp(account, 50)
    before = _state(character, account)

    with (
        connection.execute_wrapper(_fail_ledger_inserts_into(failing_table)),
        pytest.raises(DatabaseError, match="injected failure"),
    ):
        purchase_unlock(character, unlock)

    assert _state(character, account) == before
    # And the same purchase goes through once the database behaves.
    purchase_unlock(character, unlock)
    assert CharacterUnlock.objects.filter(character=character).count() == 1
