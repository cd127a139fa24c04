"""Concurrent writers against PostgreSQL's real row locks: no lost update, no overspend, no
double charge. Each test releases its threads together through a barrier and checks the exact
totals and ledger rows afterwards (SQLite's test database is one shared connection, so these
run on PostgreSQL only)."""

import threading
from collections import Counter

import pytest
from django.db import connection
from django.db.models import Sum

from typeclasses.factories import CharacterFactory
from world.progression.exceptions import (
    AlreadyUnlockedError,
    InsufficientKudosError,
    InsufficientXPError,
)
from world.progression.factories import (
    KudosClaimCategoryFactory,
    KudosSourceCategoryFactory,
    TraitRatingUnlockFactory,
    TraitXPCostFactory,
    XPCostChartFactory,
    XPCostEntryFactory,
)
from world.progression.models import (
    CharacterUnlock,
    CharacterXP,
    CharacterXPTransaction,
    DevelopmentPoints,
    DevelopmentTransaction,
    ExperiencePointsData,
    KudosPointsData,
    KudosTransaction,
    XPTransaction,
)
from world.progression.services import (
    award_character_xp,
    award_development_points,
    award_kudos,
    award_xp,
    claim_kudos,
    purchase_unlock,
)
from world.progression.services.xp import spend_account_xp
from world.progression.types import DevelopmentSource, ProgressionReason
from world.traits.factories import CharacterTraitValueFactory, TraitFactory
from world.traits.models import CharacterTraitValue

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 8


def run_together(target, count: int = THREADS) -> tuple[list, list[Exception]]:
    """Call `target(index)` in `count` threads released at the same moment.

    Returns (results, errors). Every thread closes its own database connection.
    """
    barrier = threading.Barrier(count)
    results, errors = [], []
    guard = threading.Lock()

    def worker(index: int) -> None:
        try:
            barrier.wait()
            result = target(index)
            with guard:
                results.append(result)
        except Exception as error:  # collected and asserted on by the test
            with guard:
                errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def test_eight_threads_of_fifty_awards_lose_no_update(account):
    awards_per_thread = 50

    def award_many(index: int) -> int:
        for _ in range(awards_per_thread):
            award_xp(account, 3, description=f"thread {index}")
        return awards_per_thread

    results, errors = run_together(award_many)

    assert errors == []
    assert sum(results) == THREADS * awards_per_thread
    balance = ExperiencePointsData.objects.get(account=account)
    assert (balance.total_earned, balance.total_spent) == (3 * 400, 0)
    assert XPTransaction.objects.filter(account=account).count() == 400
    assert XPTransaction.objects.filter(account=account).aggregate(s=Sum("amount"))["s"] == 1200


def test_eight_threads_spending_sixty_of_a_hundred_let_exactly_one_win(account):
    award_xp(account, 100)

    results, errors = run_together(lambda _index: spend_account_xp(account, 60))

    assert len(results) == 1
    assert len(errors) == THREADS - 1
    assert all(isinstance(error, InsufficientXPError) for error in errors)
    balance = ExperiencePointsData.objects.get(account=account)
    assert (balance.total_earned, balance.total_spent) == (100, 60)
    spends = XPTransaction.objects.filter(account=account, reason=ProgressionReason.XP_PURCHASE)
    assert list(spends.values_list("amount", flat=True)) == [-60]


def test_concurrent_kudos_claims_never_overspend(account, other_account):
    award_kudos(account, 35, KudosSourceCategoryFactory(), awarded_by=other_account)
    xp = KudosClaimCategoryFactory(name="xp", kudos_cost=10, reward_amount=3)

    results, errors = run_together(lambda _index: claim_kudos(account, 10, xp))

    # 35 kudos pay for three claims of 10; the other five are refused, none half-done.
    assert len(results) == 3
    assert len(errors) == THREADS - 3
    assert all(isinstance(error, InsufficientKudosError) for error in errors)
    kudos = KudosPointsData.objects.get(account=account)
    assert (kudos.total_earned, kudos.total_claimed) == (35, 30)
    assert kudos.current_available == 5
    ledger = KudosTransaction.objects.filter(account=account)
    assert ledger.filter(amount__gt=0).aggregate(s=Sum("amount"))["s"] == kudos.total_earned
    assert -ledger.filter(amount__lt=0).aggregate(s=Sum("amount"))["s"] == kudos.total_claimed
    # Each successful claim credited its XP exactly once, linked to its kudos row.
    credited = XPTransaction.objects.filter(account=account, reason=ProgressionReason.KUDOS_CLAIM)
    assert credited.count() == 3
    assert ExperiencePointsData.objects.get(account=account).total_earned == 9


def test_eight_threads_with_one_idempotency_key_post_one_row(account):
    results, errors = run_together(
        lambda _index: award_xp(account, 25, idempotency_key="concurrent:award:1")
    )

    assert errors == []
    assert len({transaction.pk for transaction in results}) == 1
    assert XPTransaction.objects.filter(account=account).count() == 1
    assert ExperiencePointsData.objects.get(account=account).total_earned == 25


def test_concurrent_development_awards_on_one_trait_lose_no_points(character):
    trait = TraitFactory(category="combat")
    TraitRatingUnlockFactory(trait=trait, target_rating=50)
    CharacterTraitValueFactory(character=character, trait=trait, value=10)
    awards_per_thread = 10

    def award_many(_index: int) -> None:
        for _ in range(awards_per_thread):
            award_development_points(character, trait, DevelopmentSource.COMBAT, 3)

    _results, errors = run_together(award_many)

    assert errors == []
    earned = 3 * THREADS * awards_per_thread  # 240
    points = DevelopmentPoints.objects.get(character=character, trait=trait)
    value = CharacterTraitValue.objects.get(character=character, trait=trait).value
    assert points.total_earned == earned
    assert value == 49  # stopped below the locked 50
    assert (value - 10) + points.banked_points == earned
    assert DevelopmentTransaction.objects.filter(character=character).count() == 80


def test_eight_threads_buying_one_unlock_charge_once(character):
    trait = TraitFactory()
    chart = XPCostChartFactory()
    XPCostEntryFactory(chart=chart, level=20, xp_cost=30)
    TraitXPCostFactory(trait=trait, cost_chart=chart)
    unlock = TraitRatingUnlockFactory(trait=trait, target_rating=20)
    award_character_xp(character, 100)

    results, errors = run_together(lambda _index: purchase_unlock(character, unlock))

    assert len(results) == 1
    assert Counter(type(error) for error in errors) == {AlreadyUnlockedError: THREADS - 1}
    assert CharacterUnlock.objects.filter(character=character).count() == 1
    pool = CharacterXP.objects.get(character=character, transferable=True)
    assert (pool.total_earned, pool.total_spent) == (100, 30)
    charges = CharacterXPTransaction.objects.filter(
        character=character, reason=ProgressionReason.XP_PURCHASE
    )
    assert list(charges.values_list("amount", flat=True)) == [-30]


def test_purchases_of_different_unlocks_share_the_xp_without_overspending(character):
    chart = XPCostChartFactory()
    XPCostEntryFactory(chart=chart, level=20, xp_cost=30)
    unlocks = []
    for _ in range(THREADS):
        trait = TraitFactory()
        TraitXPCostFactory(trait=trait, cost_chart=chart)
        unlocks.append(TraitRatingUnlockFactory(trait=trait, target_rating=20))
    award_character_xp(character, 100)

    results, errors = run_together(lambda index: purchase_unlock(character, unlocks[index]))

    # 100 XP buy three unlocks at 30; the rest are refused for want of XP.
    assert len(results) == 3
    assert Counter(type(error) for error in errors) == {InsufficientXPError: THREADS - 3}
    pool = CharacterXP.objects.get(character=character, transferable=True)
    assert pool.total_spent == 90
    assert CharacterUnlock.objects.filter(character=character).count() == 3


def test_concurrent_awards_to_many_characters_and_one_account_all_land(account):
    # An account holds at most five characters; two threads award to each of four.
    characters = [CharacterFactory(account=account) for _ in range(4)]

    def award(index: int) -> None:
        for _ in range(10):
            award_character_xp(characters[index % 4], 2)
            award_xp(account, 1)

    _results, errors = run_together(award)

    assert errors == []
    assert ExperiencePointsData.objects.get(account=account).total_earned == THREADS * 10
    earned = CharacterXP.objects.filter(character__in=characters).aggregate(s=Sum("total_earned"))
    assert earned["s"] == THREADS * 20
