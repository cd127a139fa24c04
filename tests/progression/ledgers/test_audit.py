from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from typeclasses.factories import CharacterFactory
from world.progression.factories import (
    KudosClaimCategoryFactory,
    KudosSourceCategoryFactory,
    TraitRatingUnlockFactory,
    price_unlock,
)
from world.progression.models import (
    DevelopmentPoints,
    DevelopmentTransaction,
    ExperiencePointsData,
    KudosPointsData,
)
from world.progression.services import (
    award_cg_conversion_xp,
    award_development_points,
    award_kudos,
    award_xp,
    claim_kudos,
    purchase_unlock,
    refund_unlock,
)
from world.progression.services.xp import post_account_xp, spend_account_xp
from world.progression.types import ProgressionReason
from world.traits.factories import TraitFactory


@pytest.fixture
def busy_economy(account, other_account, staff_account):
    character = CharacterFactory(account=account)
    award_xp(account, 40)
    spend_account_xp(account, 15)
    post_account_xp(account, 5, reason=ProgressionReason.REFUND)
    post_account_xp(account, -3, reason=ProgressionReason.CORRECTION, gm=staff_account)
    award_cg_conversion_xp(character, remaining_cg_points=4)
    award_kudos(account, 25, KudosSourceCategoryFactory(), awarded_by=other_account)
    claim_kudos(account, 20, KudosClaimCategoryFactory(name="xp"))
    award_development_points(character, TraitFactory(), "training", 7)
    return account


def _audit(*args):
    out = StringIO()
    call_command("progression_audit", *args, stdout=out)
    return out.getvalue()


def test_the_audit_finds_nothing_wrong_after_real_activity(busy_economy):
    assert "No mismatch" in _audit()


def test_a_tampered_balance_is_reported_by_name_and_fails_the_audit(busy_economy):
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE progression_experiencepointsdata SET total_earned = total_earned + 5 "
            "WHERE account_id = %s",
            [busy_economy.pk],
        )
    with pytest.raises(CommandError, match="1 balance"):
        call_command("progression_audit", stdout=(out := StringIO()))
    assert f"account XP of {busy_economy.username}" in out.getvalue()


def test_fix_rebuilds_balances_from_the_ledger(busy_economy):
    expected = ExperiencePointsData.objects.get(account=busy_economy).total_earned
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE progression_experiencepointsdata SET total_earned = total_earned + 5 "
            "WHERE account_id = %s",
            [busy_economy.pk],
        )
        cursor.execute(
            "DELETE FROM progression_kudospointsdata WHERE account_id = %s", [busy_economy.pk]
        )
    output = _audit("--fix")
    assert "Fixed 2 balance(s)" in output
    assert ExperiencePointsData.objects.get(account=busy_economy).total_earned == expected
    kudos = KudosPointsData.objects.get(account=busy_economy)
    assert (kudos.total_earned, kudos.total_claimed) == (25, 20)
    assert "No mismatch" in _audit()


def test_the_audit_takes_the_same_queries_for_one_account_or_many(
    busy_economy, django_assert_max_num_queries
):
    from typeclasses.factories import AccountFactory

    for _ in range(10):
        award_xp(AccountFactory(), 3)
    # Two queries (ledger GROUP BY and balance rows) for each of the four kinds of balance,
    # three (two ledger GROUP BYs and the rows) for trait values and for class levels, plus the
    # four that name accounts, characters, traits and classes.
    with django_assert_max_num_queries(18):
        _audit()


def test_a_tampered_bank_is_caught_and_rebuilt_from_its_ledger(character):
    trait = TraitFactory(name="Lore")
    TraitRatingUnlockFactory(trait=trait, target_rating=10)
    award_development_points(character, trait, "training", 15)  # 9 applied, 6 banked
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE progression_developmentpoints SET banked_points = 1 WHERE character_id = %s",
            [character.pk],
        )

    with pytest.raises(CommandError, match="1 balance"):
        call_command("progression_audit", stdout=(out := StringIO()))
    assert f"development points of {character.key}: banked_points 1 but ledger says 6" in (
        out.getvalue()
    )

    _audit("--fix")
    assert DevelopmentPoints.objects.get(character=character, trait=trait).banked_points == 6
    assert "No mismatch" in _audit()


def test_releasing_and_rebanking_points_keep_the_bank_equal_to_its_ledger(character, account):
    trait = TraitFactory(name="Lore")
    unlock = TraitRatingUnlockFactory(trait=trait, target_rating=10)
    price_unlock(unlock, 5)
    award_xp(account, 5)
    award_development_points(character, trait, "training", 15)

    record = purchase_unlock(character, unlock)  # releases the 6 banked points
    assert DevelopmentPoints.objects.get(character=character, trait=trait).banked_points == 0
    refund_unlock(record, None)  # the trait drops to 9: 6 points go back to the bank

    assert DevelopmentPoints.objects.get(character=character, trait=trait).banked_points == 6
    assert list(
        DevelopmentTransaction.objects.filter(character=character)
        .order_by("pk")
        .values_list("amount", "banked")
    ) == [(15, 6), (0, -6), (0, 6)]
    assert "No mismatch" in _audit()
