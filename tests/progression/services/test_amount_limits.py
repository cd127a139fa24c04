"""Amounts are bounded: each operation refuses more than its configured maximum, and the database
refuses a balance past the limit its columns hold, on SQLite and PostgreSQL alike."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import override_settings

from world.progression.exceptions import InvalidAmountError
from world.progression.models import (
    CharacterXP,
    DevelopmentPoints,
    ExperiencePointsData,
    XPTransaction,
)
from world.progression.rules.amounts import BALANCE_LIMIT
from world.progression.services import award_character_xp, award_development_points, award_xp
from world.progression.services.corrections import correct_account_xp
from world.traits.factories import TraitFactory

pytestmark = pytest.mark.django_db

HUGE = 9223372036854775807


@pytest.mark.parametrize("amount", [HUGE, 10_001])
def test_an_xp_award_above_the_maximum_is_refused_and_changes_nothing(account, amount):
    with pytest.raises(InvalidAmountError, match="at most 10,000"):
        award_xp(account, amount)

    assert not XPTransaction.objects.exists()
    assert not ExperiencePointsData.objects.filter(account=account).exists()


@override_settings(PROGRESSION_MAX_XP_AWARD=50)
def test_the_maximum_is_a_setting(account, character, staff_account):
    award_xp(account, 50)
    for refused in (
        lambda: award_xp(account, 51),
        lambda: award_character_xp(character, 51),
        lambda: correct_account_xp(account, -51, gm=staff_account, reason_text="typo"),
        lambda: ExperiencePointsData.objects.get(account=account).award_xp(51),
    ):
        with pytest.raises(InvalidAmountError, match="at most 50"):
            refused()

    assert ExperiencePointsData.objects.get(account=account).total_earned == 50


def test_development_points_above_the_maximum_are_refused(character):
    with pytest.raises(InvalidAmountError, match="at most 1,000"):
        award_development_points(character, TraitFactory(), "training", 1_001)

    assert not DevelopmentPoints.objects.exists()


@pytest.mark.parametrize(
    "table,key",
    [
        ("progression_experiencepointsdata", "account_id"),
        ("progression_characterxp", "character_id"),
    ],
)
def test_the_database_refuses_a_balance_past_the_limit(account, character, table, key):
    award_xp(account, 1)
    award_character_xp(character, 1)
    owner = account.pk if key == "account_id" else character.pk

    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET total_earned = %s WHERE {key} = %s",
            [BALANCE_LIMIT + 1, owner],
        )

    assert CharacterXP.objects.get(character=character).total_earned == 1
    assert ExperiencePointsData.objects.get(account=account).total_earned == 1
