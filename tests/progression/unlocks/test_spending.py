"""Spending XP on unlocks: what a purchase checks, where its XP comes from and which ledger rows
record it, what it changes on the character, refunds, the shop and path selection."""

import pytest
from django.db import connection

from typeclasses.factories import CharacterFactory
from world.classes.factories import (
    CharacterClassFactory,
    CharacterClassLevelFactory,
    PathFactory,
)
from world.classes.models import CharacterClassLevel, PathStage
from world.progression import selectors
from world.progression.exceptions import (
    AlreadyUnlockedError,
    InvalidPathError,
    InvalidUnlockError,
)
from world.progression.factories import (
    AchievementRequirementFactory,
    CharacterPathHistoryFactory,
    ClassLevelRequirementFactory,
    ClassLevelUnlockFactory,
    ClassXPCostFactory,
    LevelRequirementFactory,
    MultiClassLevelFactory,
    MultiClassRequirementFactory,
    RelationshipRequirementFactory,
    TierRequirementFactory,
    TraitRatingUnlockFactory,
    TraitRequirementFactory,
    TraitXPCostFactory,
    XPCostChartFactory,
    XPCostEntryFactory,
    price_unlock,
)
from world.progression.models import (
    CharacterUnlock,
    CharacterXPTransaction,
    DevelopmentPoints,
    ExperiencePointsData,
    XPTransaction,
)
from world.progression.services import (
    award_character_xp,
    award_development_points,
    award_xp,
    calculate_level_up_requirements,
    get_available_unlocks_for_character,
    owning_account,
    purchase_unlock,
    refund_unlock,
    select_path,
    spend_xp_on_unlock,
)
from world.progression.types import DevelopmentSource, ProgressionReason
from world.relationships.factories import CharacterRelationshipFactory
from world.traits.factories import CharacterTraitValueFactory, TraitFactory
from world.traits.models import CharacterTraitValue

# --- Fixtures and helpers ----------------------------------------------------------------------


@pytest.fixture
def chart(db):
    chart = XPCostChartFactory(name="Standard")
    for level, cost in [(1, 10), (2, 20), (3, 30), (20, 40), (30, 60)]:
        XPCostEntryFactory(chart=chart, level=level, xp_cost=cost)
    return chart


@pytest.fixture
def warrior(chart):
    warrior = CharacterClassFactory(name="Warrior")
    ClassXPCostFactory(character_class=warrior, cost_chart=chart)
    return warrior


@pytest.fixture
def warrior_levels(warrior):
    """Warrior levels 1, 2 and 3 costing 10, 20 and 30 XP."""
    return {
        level: ClassLevelUnlockFactory(character_class=warrior, target_level=level)
        for level in (1, 2, 3)
    }


@pytest.fixture
def strength(chart):
    strength = TraitFactory(name="Strength", trait_type="stat", category="physical")
    TraitXPCostFactory(trait=strength, cost_chart=chart)
    return strength


def fund(character, account, *, locked=0, transferable=0, on_account=0):
    if locked:
        award_character_xp(character, locked, transferable=False)
    if transferable:
        award_character_xp(character, transferable, transferable=True)
    if on_account:
        award_xp(account, on_account)


def holdings(character, account) -> dict[str, int]:
    pools = selectors.character_xp_pools(character)
    row = ExperiencePointsData.objects.filter(account=account).first()
    return {**pools, "account": row.current_available if row else 0}


def class_level(character, character_class) -> int | None:
    row = CharacterClassLevel.objects.filter(
        character=character, character_class=character_class
    ).first()
    return row.level if row else None


def ledger_rows(character, account) -> list[tuple]:
    """Every XP ledger row touching the character or its account, as comparable tuples."""
    rows = [
        ("locked" if not row.transferable else "transferable", row.amount, row.reason)
        for row in CharacterXPTransaction.objects.filter(character=character).order_by("pk")
    ]
    rows += [
        ("account", row.amount, row.reason, row.character_id)
        for row in XPTransaction.objects.filter(account=account).order_by("pk")
    ]
    return rows


# --- Outcomes ----------------------------------------------------------------------------------


def test_a_purchase_succeeds_and_says_what_was_unlocked(character, account, warrior_levels):
    fund(character, account, on_account=10)

    success, message, record = spend_xp_on_unlock(character, warrior_levels[1])

    assert (success, message) == (True, "Unlocked Warrior level 1 for 10 XP.")
    assert record == CharacterUnlock.objects.get(character=character)
    assert (record.character_class_id, record.target_level, record.xp_spent) == (
        warrior_levels[1].character_class_id,
        1,
        10,
    )


def test_buying_an_unlock_twice_is_refused_as_already_unlocked(character, account, warrior_levels):
    fund(character, account, on_account=50)
    spend_xp_on_unlock(character, warrior_levels[1])

    success, message, record = spend_xp_on_unlock(character, warrior_levels[1])

    assert (success, message, record) == (False, "Already unlocked: Warrior level 1.", None)
    assert holdings(character, account)["account"] == 40
    assert CharacterUnlock.objects.filter(character=character).count() == 1


def test_unmet_requirements_refuse_the_purchase_with_their_messages(
    character, account, warrior_levels, strength
):
    fund(character, account, on_account=50)
    TraitRequirementFactory(class_level_unlock=warrior_levels[1], trait=strength, minimum_value=30)
    CharacterTraitValueFactory(character=character, trait=strength, value=25)

    success, message, record = spend_xp_on_unlock(character, warrior_levels[1])

    assert (success, message, record) == (
        False,
        "Requirements not met: Need Strength 3.0, have 2.5",
        None,
    )
    assert holdings(character, account)["account"] == 50
    assert class_level(character, warrior_levels[1].character_class) is None


def test_too_little_xp_refuses_the_purchase_and_changes_nothing(character, account, warrior_levels):
    fund(character, account, locked=2, transferable=3, on_account=4)
    before_rows = ledger_rows(character, account)

    success, message, record = spend_xp_on_unlock(character, warrior_levels[1])

    assert (success, message, record) == (False, "Insufficient XP (need 10, have 9).", None)
    assert holdings(character, account) == {"locked": 2, "transferable": 3, "account": 4}
    assert ledger_rows(character, account) == before_rows
    assert not CharacterUnlock.objects.filter(character=character).exists()
    assert class_level(character, warrior_levels[1].character_class) is None


def test_a_level_cannot_be_bought_before_the_one_below_it(character, account, warrior_levels):
    fund(character, account, on_account=100)
    purchase_unlock(character, warrior_levels[1])

    success, message, record = spend_xp_on_unlock(character, warrior_levels[3])

    assert (success, message, record) == (
        False,
        "Warrior level 3 needs level 2 first (you have level 1).",
        None,
    )
    assert holdings(character, account)["account"] == 90
    assert class_level(character, warrior_levels[1].character_class) == 1


# --- Where the XP comes from -------------------------------------------------------------------


def test_xp_comes_from_the_locked_pool_then_transferable_then_the_account(
    character, account, warrior_levels
):
    fund(character, account, locked=4, transferable=5, on_account=50)
    awards = ledger_rows(character, account)

    purchase_unlock(character, warrior_levels[1])
    purchase_unlock(character, warrior_levels[2])

    assert holdings(character, account) == {"locked": 0, "transferable": 0, "account": 29}
    purchase = ProgressionReason.XP_PURCHASE
    new_rows = [row for row in ledger_rows(character, account) if row not in awards]
    assert sorted(new_rows) == sorted(
        [
            ("locked", -4, purchase),
            ("transferable", -5, purchase),
            ("account", -1, purchase, character.pk),
            ("account", -20, purchase, character.pk),
        ]
    )


def test_a_purchase_covered_by_the_locked_pool_writes_one_row(character, account, warrior_levels):
    fund(character, account, locked=15, transferable=15, on_account=15)

    record = purchase_unlock(character, warrior_levels[1])

    rows = CharacterXPTransaction.objects.filter(reason=ProgressionReason.XP_PURCHASE)
    assert [(row.transferable, row.amount, row.description) for row in rows] == [
        (False, -10, "Unlocked Warrior level 1")
    ]
    assert not XPTransaction.objects.filter(reason=ProgressionReason.XP_PURCHASE).exists()
    assert record.xp_spent == 10
    assert holdings(character, account) == {"locked": 5, "transferable": 15, "account": 15}


def test_the_owning_account_pays_for_a_character_nobody_is_puppeting(
    character, account, warrior_levels
):
    # Factory characters are created, not puppeted: Evennia leaves `character.account` empty.
    assert character.account is None
    assert owning_account(character) == account
    fund(character, account, on_account=10)

    purchase_unlock(character, warrior_levels[1])

    assert holdings(character, account)["account"] == 0
    assert XPTransaction.objects.get(reason=ProgressionReason.XP_PURCHASE).character == character


def test_another_players_account_is_never_charged(
    character, account, other_account, warrior_levels
):
    award_xp(other_account, 100)

    success, message, _ = spend_xp_on_unlock(character, warrior_levels[1])

    assert (success, message) == (False, "Insufficient XP (need 10, have 0).")
    assert ExperiencePointsData.objects.get(account=other_account).current_available == 100


# --- What a purchase changes -------------------------------------------------------------------


def test_buying_the_first_level_gives_the_character_the_class(character, account, warrior_levels):
    fund(character, account, on_account=10)

    purchase_unlock(character, warrior_levels[1])

    row = CharacterClassLevel.objects.get(character=character)
    assert (row.character_class, row.level, row.is_primary) == (
        warrior_levels[1].character_class,
        1,
        True,
    )


def test_buying_the_next_level_raises_the_class_level(character, account, warrior_levels):
    fund(character, account, on_account=30)
    purchase_unlock(character, warrior_levels[1])

    purchase_unlock(character, warrior_levels[2])

    assert class_level(character, warrior_levels[2].character_class) == 2
    assert CharacterClassLevel.objects.filter(character=character).count() == 1


def test_a_second_class_is_not_primary(character, account, warrior_levels, chart):
    fund(character, account, on_account=30)
    purchase_unlock(character, warrior_levels[1])
    mage = CharacterClassFactory(name="Mage")
    ClassXPCostFactory(character_class=mage, cost_chart=chart)

    purchase_unlock(character, ClassLevelUnlockFactory(character_class=mage, target_level=1))

    assert (
        CharacterClassLevel.objects.get(character=character, character_class=mage).is_primary
        is False
    )


def test_buying_a_trait_rating_releases_the_development_points_banked_behind_it(
    character, account, strength
):
    threshold = TraitRatingUnlockFactory(trait=strength, target_rating=20)
    award_development_points(character, strength, DevelopmentSource.TRAINING, 25)
    assert CharacterTraitValue.objects.get(character=character, trait=strength).value == 19
    assert DevelopmentPoints.objects.get(character=character, trait=strength).banked_points == 6
    fund(character, account, on_account=40)

    purchase_unlock(character, threshold)

    assert CharacterTraitValue.objects.get(character=character, trait=strength).value == 25
    points = DevelopmentPoints.objects.get(character=character, trait=strength)
    assert (points.banked_points, points.total_earned) == (0, 25)
    assert holdings(character, account)["account"] == 0


def test_a_rating_the_trait_already_reached_is_neither_sold_nor_required_first(
    character, account, strength
):
    # Strength 2.9 from character creation: 2.0 was passed without buying it.
    CharacterTraitValueFactory(character=character, trait=strength, value=29)
    two, three = (TraitRatingUnlockFactory(trait=strength, target_rating=r) for r in (20, 30))
    fund(character, account, on_account=100)

    shop = get_available_unlocks_for_character(character)
    offered = [entry["unlock"] for entry in shop["available"] + shop["locked"]]
    assert two not in offered and three in offered

    with pytest.raises(InvalidUnlockError, match=r"Strength is already 2\.9"):
        purchase_unlock(character, two)
    assert not CharacterUnlock.objects.filter(character=character).exists()
    assert holdings(character, account)["account"] == 100

    purchase_unlock(character, three)  # no "unlock Strength 2.0 first"
    assert holdings(character, account)["account"] == 100 - 60


# --- Refunds -----------------------------------------------------------------------------------


def test_a_refund_puts_the_xp_back_into_each_pool_it_came_from(
    character, account, staff_account, warrior_levels
):
    fund(character, account, locked=3, transferable=4, on_account=10)
    record = purchase_unlock(character, warrior_levels[1])

    refund_unlock(record, staff_account, "bought by mistake")

    assert holdings(character, account) == {"locked": 3, "transferable": 4, "account": 10}
    refunds = sorted(
        [
            *(
                ("transferable" if row.transferable else "locked", row.amount)
                for row in CharacterXPTransaction.objects.filter(reason=ProgressionReason.REFUND)
            ),
            *(
                ("account", row.amount)
                for row in XPTransaction.objects.filter(reason=ProgressionReason.REFUND)
            ),
        ]
    )
    assert refunds == [("account", 3), ("locked", 3), ("transferable", 4)]
    assert XPTransaction.objects.get(reason=ProgressionReason.REFUND).gm == staff_account


def test_a_refund_drops_the_level_back_and_keeps_the_record(
    character, account, staff_account, warrior_levels
):
    fund(character, account, on_account=30)
    purchase_unlock(character, warrior_levels[1])
    second = purchase_unlock(character, warrior_levels[2])

    refund_unlock(second, staff_account)

    assert class_level(character, warrior_levels[1].character_class) == 1
    second.refresh_from_db()
    assert second.refunded_date is not None
    assert second.refunded_by == staff_account


def test_refunding_the_first_level_removes_the_class(
    character, account, staff_account, warrior_levels
):
    fund(character, account, on_account=10)
    record = purchase_unlock(character, warrior_levels[1])

    refund_unlock(record, staff_account)

    assert class_level(character, warrior_levels[1].character_class) is None


def test_a_refunded_unlock_can_be_bought_again(character, account, staff_account, warrior_levels):
    fund(character, account, on_account=10)
    refund_unlock(purchase_unlock(character, warrior_levels[1]), staff_account)

    success, _, record = spend_xp_on_unlock(character, warrior_levels[1])

    assert success is True
    assert (
        CharacterUnlock.objects.filter(character=character, refunded_date__isnull=True).get()
        == record
    )
    assert holdings(character, account)["account"] == 0


def test_a_lower_level_cannot_be_refunded_while_a_higher_one_is_held(
    character, account, staff_account, warrior_levels
):
    fund(character, account, on_account=30)
    first = purchase_unlock(character, warrior_levels[1])
    purchase_unlock(character, warrior_levels[2])

    with pytest.raises(InvalidUnlockError, match="higher levels"):
        refund_unlock(first, staff_account)

    first.refresh_from_db()
    assert first.refunded_date is None
    assert class_level(character, warrior_levels[1].character_class) == 2
    assert holdings(character, account)["account"] == 0


def test_an_unlock_cannot_be_refunded_twice(character, account, staff_account, warrior_levels):
    fund(character, account, on_account=10)
    record = purchase_unlock(character, warrior_levels[1])
    refund_unlock(record, staff_account)

    with pytest.raises(InvalidUnlockError, match="already refunded"):
        refund_unlock(record, staff_account)

    assert holdings(character, account)["account"] == 10
    assert XPTransaction.objects.filter(reason=ProgressionReason.REFUND).count() == 1


# --- Level-up requirements ---------------------------------------------------------------------


def test_level_up_requirements_describe_the_next_level(character, account, warrior_levels):
    fund(character, account, on_account=25)
    purchase_unlock(character, warrior_levels[1])
    warrior = warrior_levels[1].character_class

    result = calculate_level_up_requirements(character, warrior, 2)

    assert result["unlock"] == warrior_levels[2]
    assert {key: result[key] for key in result if key != "unlock"} == {
        "type": "class_level",
        "xp_cost": 20,
        "on_sale": True,
        "sale_problem": None,
        "current_level": 1,
        "already_unlocked": False,
        "requirements_met": True,
        "failed_requirements": [],
        "step_problem": None,
        "available_xp": 15,
        "can_purchase": False,
    }


def test_level_up_requirements_can_purchase_when_everything_is_in_place(
    character, account, warrior_levels
):
    fund(character, account, on_account=10)

    result = calculate_level_up_requirements(character, warrior_levels[1].character_class, 1)

    assert result["can_purchase"] is True


def test_level_up_requirements_list_failed_requirements(character, account, warrior_levels):
    fund(character, account, on_account=10)
    TierRequirementFactory(class_level_unlock=warrior_levels[1], minimum_tier=2)

    result = calculate_level_up_requirements(character, warrior_levels[1].character_class, 1)

    assert result["failed_requirements"] == ["Need tier 2, have tier 0"]
    assert (result["requirements_met"], result["can_purchase"]) == (False, False)


def test_level_up_requirements_report_a_level_that_does_not_exist(character, warrior_levels):
    result = calculate_level_up_requirements(character, warrior_levels[1].character_class, 9)

    assert set(result) == {"error"}
    assert "no level 9" in result["error"]


# --- The shop ----------------------------------------------------------------------------------


def names(entries) -> list[str]:
    return [entry["name"] for entry in entries]


def test_the_shop_sorts_unlocks_into_available_locked_and_already_unlocked(
    character, account, warrior_levels, chart, strength
):
    fund(character, account, on_account=10)
    purchase_unlock(character, warrior_levels[1])
    mage = CharacterClassFactory(name="Mage")
    ClassXPCostFactory(character_class=mage, cost_chart=chart)
    mage_one = ClassLevelUnlockFactory(character_class=mage, target_level=1)
    LevelRequirementFactory(class_level_unlock=mage_one, minimum_level=3)
    TraitRatingUnlockFactory(trait=strength, target_rating=20)
    TraitRatingUnlockFactory(trait=strength, target_rating=30)

    shop = get_available_unlocks_for_character(character)

    assert names(shop["already_unlocked"]) == ["Warrior level 1"]
    assert names(shop["available"]) == ["Warrior level 2", "Strength 2.0"]
    assert names(shop["locked"]) == ["Mage level 1"]
    locked = shop["locked"][0]
    assert locked["failed_requirements"] == ["Need a class at level 3, highest is 1"]
    available = {entry["name"]: entry for entry in shop["available"]}
    assert available["Warrior level 2"]["xp_cost"] == 20
    assert available["Warrior level 2"]["affordable"] is False
    assert available["Strength 2.0"]["type"] == "trait_rating"


def test_the_shop_hides_hidden_classes_the_character_does_not_have(character):
    ClassLevelUnlockFactory(
        character_class=CharacterClassFactory(name="Secret", is_hidden=True), target_level=1
    )

    shop = get_available_unlocks_for_character(character)

    assert shop == {"available": [], "locked": [], "already_unlocked": []}


def build_shop(size: int, character) -> None:
    """`size` classes, each with a level-1 unlock carrying two active requirements: a trait
    requirement and one of every other type in turn."""
    trait = TraitFactory(name="Shop trait")
    mentor = CharacterFactory(key="Shopmentor", account=None)
    CharacterRelationshipFactory(source=character, target=mentor, level=3)
    other = CharacterClassFactory(name="Shop prerequisite")
    second_requirements = [
        lambda unlock: LevelRequirementFactory(class_level_unlock=unlock, minimum_level=1),
        lambda unlock: ClassLevelRequirementFactory(
            class_level_unlock=unlock, character_class=other, minimum_level=1
        ),
        lambda unlock: MultiClassLevelFactory(
            multi_class_requirement=MultiClassRequirementFactory(class_level_unlock=unlock),
            character_class=other,
        ),
        lambda unlock: TierRequirementFactory(class_level_unlock=unlock, minimum_tier=1),
        lambda unlock: AchievementRequirementFactory(
            class_level_unlock=unlock, achievement_key="shop_key"
        ),
        lambda unlock: RelationshipRequirementFactory(
            class_level_unlock=unlock, relationship_target="shopmentor", minimum_level=2
        ),
    ]
    for number in range(size):
        unlock = ClassLevelUnlockFactory(
            character_class=CharacterClassFactory(name=f"Shop class {number}"), target_level=1
        )
        TraitRequirementFactory(class_level_unlock=unlock, trait=trait, minimum_value=10)
        price_unlock(unlock)
        second_requirements[number % len(second_requirements)](unlock)


# Once the catalogue is in memory (selectors.catalogue): its version token, the owner, the
# pools, the character's traits, classes and unlocks, its relationships and which of their
# targets exist, and its attributes (achievements): whatever the number of unlocks.
SHOP_QUERY_BOUND = 9
# Reading the catalogue after an edit: the unlocks of both kinds, the requirements of all seven
# kinds, the multi-class levels with their classes, the class prices and the trait prices.
CATALOGUE_READ_BOUND = 5


@pytest.mark.parametrize("size", [20, 100])
def test_the_shop_takes_the_same_number_of_queries_for_any_number_of_unlocks(
    character, django_assert_max_num_queries, size
):
    build_shop(size, character)
    with django_assert_max_num_queries(SHOP_QUERY_BOUND + CATALOGUE_READ_BOUND):
        get_available_unlocks_for_character(character)

    with django_assert_max_num_queries(SHOP_QUERY_BOUND):
        shop = get_available_unlocks_for_character(character)

    assert len(shop["locked"]) == size
    assert all(len(entry["failed_requirements"]) >= 1 for entry in shop["locked"])


def test_a_purchase_with_three_requirements_takes_ten_statements_and_the_lock(
    character, account, warrior_levels, django_assert_num_queries
):
    """The transaction (counted as its savepoint here), the catalogue's token, the character's
    traits, classes and unlocks (one statement), the owner, the pools, the purchase row, the pool
    taken from and its ledger row, and the new class level; and on a database with row locks,
    the character's lock (SQLite's transaction already is the lock)."""
    unlock = warrior_levels[1]
    strength = TraitFactory(name="Might")
    TraitRequirementFactory(class_level_unlock=unlock, trait=strength, minimum_value=10)
    LevelRequirementFactory(class_level_unlock=unlock, minimum_level=1)
    ClassLevelRequirementFactory(
        class_level_unlock=unlock, character_class=CharacterClassFactory(), minimum_level=1
    )
    CharacterTraitValue.objects.create(character=character, trait=strength, value=20)
    other = unlock.classlevelrequirements.get().character_class
    CharacterClassLevelFactory(character=character, character_class=other, level=1)
    fund(character, account, locked=10)
    get_available_unlocks_for_character(character)  # the catalogue in memory, as in a game

    with django_assert_num_queries(11 if connection.features.has_select_for_update else 10):
        record = purchase_unlock(character, unlock)

    assert record.xp_spent == 10


# --- Paths -------------------------------------------------------------------------------------


@pytest.fixture
def levelled(character):
    CharacterClassLevelFactory(character=character, level=6)
    return character


def test_a_first_path_is_recorded(levelled):
    path = PathFactory(name="Path of the Blade", stage=PathStage.PROSPECT)

    entry = select_path(levelled, path)

    assert list(selectors.path_history(levelled)) == [entry]


def test_an_inactive_path_is_refused(levelled):
    path = PathFactory(name="Closed road", is_active=False)

    with pytest.raises(InvalidPathError, match="not open"):
        select_path(levelled, path)

    assert not selectors.path_history(levelled).exists()


def test_a_path_above_the_characters_level_is_refused(character):
    CharacterClassLevelFactory(character=character, level=2)
    path = PathFactory(name="Steep road", minimum_level=3)

    with pytest.raises(InvalidPathError, match="level 3; your highest is 2"):
        select_path(character, path)

    assert not selectors.path_history(character).exists()


def test_a_second_path_at_the_same_stage_is_refused(levelled):
    first = PathFactory(name="Path of the Blade")
    select_path(levelled, first)

    with pytest.raises(InvalidPathError, match="already chose Path of the Blade"):
        select_path(levelled, PathFactory(name="Path of the Quill"))

    assert [entry.path for entry in selectors.path_history(levelled)] == [first]


def test_a_later_stage_needs_the_previous_stage_chosen(levelled):
    potential = PathFactory(name="Sword Saint", stage=PathStage.POTENTIAL)

    with pytest.raises(InvalidPathError, match="Choose your Prospect path before Sword Saint"):
        select_path(levelled, potential)

    assert not selectors.path_history(levelled).exists()


def test_a_later_stage_must_follow_from_the_path_already_chosen(levelled):
    blade = PathFactory(name="Path of the Blade")
    quill = PathFactory(name="Path of the Quill")
    scholar = PathFactory(name="Scholar", stage=PathStage.POTENTIAL)
    scholar.parent_paths.add(quill)
    select_path(levelled, blade)

    with pytest.raises(InvalidPathError, match="Scholar does not follow from Path of the Blade"):
        select_path(levelled, scholar)

    assert [entry.path for entry in selectors.path_history(levelled)] == [blade]


def test_path_history_lists_paths_in_stage_order(levelled):
    blade = PathFactory(name="Path of the Blade")
    saint = PathFactory(name="Sword Saint", stage=PathStage.POTENTIAL)
    saint.parent_paths.add(blade)
    # Recorded out of order: the history is ordered by stage, not by insertion.
    CharacterPathHistoryFactory(character=levelled, path=saint)
    CharacterPathHistoryFactory(character=levelled, path=blade)

    assert [entry.path for entry in selectors.path_history(levelled)] == [blade, saint]


def test_a_path_that_follows_from_the_previous_one_is_recorded(levelled):
    blade = PathFactory(name="Path of the Blade")
    saint = PathFactory(name="Sword Saint", stage=PathStage.POTENTIAL)
    saint.parent_paths.add(blade)
    select_path(levelled, blade)

    select_path(levelled, saint)

    assert [entry.path for entry in selectors.path_history(levelled)] == [blade, saint]


def test_already_unlocked_is_the_error_purchase_unlock_raises(character, account, warrior_levels):
    fund(character, account, on_account=20)
    purchase_unlock(character, warrior_levels[1])

    with pytest.raises(AlreadyUnlockedError):
        purchase_unlock(character, warrior_levels[1])
