"""The `unlocks` shop and the `unlock` command: quoting, buying, refusing and refunding."""

from types import SimpleNamespace

import pytest
from table_cells import row_starting

from bench.load.scenario import affordable_in
from world.classes.factories import CharacterClassFactory, CharacterClassLevelFactory
from world.classes.models import CharacterClassLevel
from world.progression.factories import (
    ClassLevelUnlockFactory,
    ClassXPCostFactory,
    TraitRatingUnlockFactory,
    TraitRequirementFactory,
    TraitXPCostFactory,
    XPCostChartFactory,
    XPCostEntryFactory,
)
from world.progression.models import CharacterUnlock, ExperiencePointsData
from world.progression.services.awards import award_development_points
from world.progression.services.cg_conversion import award_cg_conversion_xp
from world.progression.services.spends import purchase_unlock
from world.progression.types import DevelopmentSource
from world.traits.factories import CharacterTraitValueFactory, TraitFactory
from world.traits.models import TraitType


@pytest.fixture
def shop(db):
    """Warrior 1 (10 XP) and 2 (20 XP), Strength 2.0 (30 XP), and Mage 1 (10 XP) which needs
    Strength 3.0."""
    chart = XPCostChartFactory(name="Standard")
    for level, cost in [(1, 10), (2, 20), (20, 30)]:
        XPCostEntryFactory(chart=chart, level=level, xp_cost=cost)
    warrior = CharacterClassFactory(name="Warrior")
    mage = CharacterClassFactory(name="Mage")
    strength = TraitFactory(name="Strength", trait_type=TraitType.STAT)
    for character_class in (warrior, mage):
        ClassXPCostFactory(character_class=character_class, cost_chart=chart)
    TraitXPCostFactory(trait=strength, cost_chart=chart)
    warrior_1 = ClassLevelUnlockFactory(character_class=warrior, target_level=1)
    warrior_2 = ClassLevelUnlockFactory(character_class=warrior, target_level=2)
    mage_1 = ClassLevelUnlockFactory(character_class=mage, target_level=1)
    TraitRequirementFactory(class_level_unlock=mage_1, trait=strength, minimum_value=30)
    return SimpleNamespace(
        warrior=warrior,
        warrior_1=warrior_1,
        warrior_2=warrior_2,
        strength_20=TraitRatingUnlockFactory(trait=strength, target_rating=20),
        mage_1=mage_1,
    )


def spent(account):
    row = ExperiencePointsData.objects.filter(account=account).first()
    return row.total_spent if row else 0


def test_unlocks_lists_what_can_be_bought_what_is_locked_and_why(
    play, player, account, give_xp, shop
):
    give_xp(account, 15)

    out = play(player, "unlocks")

    available = out[out.index("Available:") : out.index("Locked:")]
    assert "Warrior level 1" in available and "10 XP" in available
    assert "unlock Warrior 1" in available
    assert "Strength 2.0" in available and "unlock Strength 2.0" in available
    locked = out[out.index("Locked:") :]
    assert "Mage level 1" in locked and "Need Strength 3.0, have 0.0" in locked
    assert "Bought: nothing yet" in out


def test_unlocks_marks_what_the_player_cannot_afford(play, player, account, give_xp, shop):
    give_xp(account, 15)

    out = play(player, "unlocks")

    assert row_starting(out, "Warrior level 1")[2] == "yes"
    assert row_starting(out, "Strength 2.0")[2] == "no"


def test_the_load_driver_reads_what_the_shop_offers_a_player_who_can_afford_it(
    play, player, account, give_xp, shop
):
    # `make load`'s players quote and buy what this table offers (bench/load/scenario.py).
    give_xp(account, 15)
    purchase_unlock(player, shop.warrior_1)

    assert affordable_in(play(player, "unlocks")) == []
    give_xp(account, 100)
    assert affordable_in(play(player, "unlocks")) == ["unlock Warrior 2", "unlock Strength 2.0"]


def test_unlocks_lists_bought_unlocks(play, player, account, give_xp, shop):
    give_xp(account, 15)
    purchase_unlock(player, shop.warrior_1)

    out = play(player, "unlocks")

    assert "Bought: Warrior level 1" in out
    assert "Warrior level 2" in out[out.index("Available:") :]


def test_unlocks_lists_a_class_level_given_at_character_creation_as_held(play, player, shop):
    CharacterClassLevelFactory(character=player, character_class=shop.warrior, level=1)
    CharacterTraitValueFactory(character=player, trait=shop.strength_20.trait, value=15)

    out = play(player, "unlocks")

    assert "Bought: nothing yet" in out
    assert "Held: Warrior level 1; Strength 1.5" in out


def test_unlocks_says_when_nothing_is_held(play, player, shop):
    assert play(player, "unlocks").endswith("Held: nothing yet")


def test_unlock_quotes_the_cost_and_how_to_confirm_without_spending(
    play, player, account, give_xp, shop
):
    give_xp(account, 15)

    out = play(player, "unlock warrior 1")

    assert out.startswith("Warrior level 1 costs 10 XP")
    assert out.endswith("To buy it, type: unlock/confirm warrior 1")
    assert not CharacterUnlock.objects.exists()
    assert spent(account) == 0


@pytest.mark.parametrize("rating", ["2", "2.0", "2.00"])
def test_trait_ratings_are_typed_as_players_see_them(play, player, account, give_xp, shop, rating):
    give_xp(account, 40)

    assert play(player, f"unlock strength {rating}").startswith("Strength 2.0 costs 30 XP")


def test_unlock_says_when_the_player_cannot_afford_it(play, player, account, give_xp, shop):
    give_xp(account, 15)

    assert play(player, "unlock strength 2") == "Strength 2.0 costs 30 XP, more than you have."


def test_unlock_says_when_the_trait_is_already_past_that_rating(play, player, shop):
    from world.traits.factories import CharacterTraitValueFactory

    CharacterTraitValueFactory(character=player, trait=shop.strength_20.trait, value=29)

    assert play(player, "unlock strength 2") == (
        f"{player.key}'s Strength is already 2.9: there is nothing to unlock at 2.0."
    )


def test_unlock_explains_a_locked_unlock(play, player, shop):
    assert play(player, "unlock mage 1") == (
        "Mage level 1 (10 XP) is locked: Need Strength 3.0, have 0.0"
    )


def test_unlock_says_when_a_level_is_not_the_next_step(play, player, shop):
    assert play(player, "unlock warrior 2") == (
        "Warrior level 2 needs level 1 first (you have level 0)."
    )


def test_unlock_says_when_already_bought(play, player, account, give_xp, shop):
    give_xp(account, 15)
    purchase_unlock(player, shop.warrior_1)

    assert play(player, "unlock warrior 1") == "You already have Warrior level 1."


def test_confirm_buys_the_unlock_and_spends_the_xp(play, player, account, give_xp, shop):
    give_xp(account, 15)

    out = play(player, "unlock/confirm Warrior 1")

    assert out == "You unlock Warrior level 1 for 10 XP: 10 from your account XP."
    record = CharacterUnlock.objects.get(character=player)
    assert (record.character_class, record.target_level, record.xp_spent) == (shop.warrior, 1, 10)
    assert CharacterClassLevel.objects.get(character=player).level == 1
    assert spent(account) == 10


def test_confirm_buys_a_trait_rating(play, player, account, give_xp, shop):
    give_xp(account, 30)

    assert play(player, "unlock/confirm strength 2") == (
        "You unlock Strength 2.0 for 30 XP: 30 from your account XP."
    )
    assert CharacterUnlock.objects.get(character=player).target_rating == 20


def test_confirm_says_what_each_pool_paid_and_what_banked_development_it_released(
    play, player, account, give_xp, shop
):
    strength = shop.strength_20.trait
    CharacterTraitValueFactory(character=player, trait=strength, value=15)
    award_development_points(player, strength, DevelopmentSource.COMBAT, 10)  # 1.9, 6 banked
    award_cg_conversion_xp(player, remaining_cg_points=10, conversion_rate=2)  # 20 locked XP
    give_xp(account, 15)

    out = play(player, "unlock/confirm strength 2")

    # Read unwrapped: the reply wraps at 80 columns.
    assert " ".join(out.split()) == (
        "You unlock Strength 2.0 for 30 XP: 20 from Alice's locked XP, 10 from your account "
        "XP. 6 banked development released: Strength is now 2.5."
    )


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("unlock/confirm strength 2", "Insufficient XP (need 30, have 15)."),
        ("unlock/confirm mage 1", "Requirements not met: Need Strength 3.0, have 0.0"),
        ("unlock/confirm warrior 2", "Warrior level 2 needs level 1 first (you have level 0)."),
        ("unlock/confirm strength 20", "There is no unlock 'strength 20'."),
        ("unlock/confirm dragon 1", "There is no unlock 'dragon 1'."),
        ("unlock warrior 1.5", "There is no unlock 'warrior 1.5'."),
        ("unlock warrior", "Usage: unlock <class> <level> or unlock <trait> <rating>"),
        ("unlock", "Usage: unlock <class> <level> or unlock <trait> <rating>"),
        ("unlock warrior two", "'two' is not a level or rating."),
        ("unlock warrior -1", "'-1' is not a level or rating."),
    ],
)
def test_a_refused_purchase_says_why_and_changes_nothing(
    play, player, account, give_xp, shop, typed, message
):
    give_xp(account, 15)

    assert play(player, typed).startswith(message)
    assert not CharacterUnlock.objects.exists()
    assert spent(account) == 0


def test_confirming_twice_does_not_buy_twice(play, player, account, give_xp, shop):
    give_xp(account, 30)
    play(player, "unlock/confirm warrior 1")

    assert play(player, "unlock/confirm warrior 1") == "Already unlocked: Warrior level 1."
    assert CharacterUnlock.objects.count() == 1
    assert spent(account) == 10


def test_staff_refund_returns_the_xp_and_marks_the_unlock_refunded(
    play, staff, staff_account, player, account, give_xp, shop
):
    give_xp(account, 15)
    record = purchase_unlock(player, shop.warrior_1)

    out = play(staff, "unlock/refund Alice = Warrior 1 : wrong class picked")

    assert out == "Refunded Warrior level 1 for Alice: 10 XP returned."
    record.refresh_from_db()
    assert record.refunded_date is not None and record.refunded_by == staff_account
    assert spent(account) == 0
    assert not CharacterClassLevel.objects.filter(character=player).exists()


def test_players_cannot_refund(play, player, account, give_xp, shop):
    give_xp(account, 15)
    record = purchase_unlock(player, shop.warrior_1)

    assert play(player, "unlock/refund Alice = warrior 1") == "Only staff can use unlock/refund."
    record.refresh_from_db()
    assert record.refunded_date is None


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("unlock/refund Nobody = warrior 1", "There is no character called 'Nobody'."),
        ("unlock/refund Alice = warrior 2", "Alice has no Warrior level 2 to refund."),
        ("unlock/refund Alice = wizard 2", "There is no unlock 'wizard 2'."),
        ("unlock/refund Alice warrior 1", "Usage: unlock/refund <character> = "),
    ],
)
def test_bad_refunds_say_why_and_change_nothing(
    play, staff, player, account, give_xp, shop, typed, message
):
    give_xp(account, 15)
    purchase_unlock(player, shop.warrior_1)

    assert play(staff, typed).startswith(message)
    assert not CharacterUnlock.objects.filter(refunded_date__isnull=False).exists()
    assert spent(account) == 10


def test_shop_output_fits_80_columns(play, player, account, give_xp, shop):
    give_xp(account, 15)

    out = play(player, "unlocks")

    assert max(len(line) for line in out.splitlines()) <= 80
