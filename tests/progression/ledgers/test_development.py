"""Development points: awarded through rate modifiers, applied to the trait value, banked behind
locked thresholds and released when the threshold is bought; never lost, never doubled."""

import pytest
from django.db.models import Sum

from typeclasses.factories import CharacterFactory
from world.mechanics.factories import (
    CharacterDistinctionFactory,
    DistinctionEffectFactory,
    DistinctionFactory,
    ModifierTypeFactory,
)
from world.progression.exceptions import InvalidAmountError, ProgressionError
from world.progression.factories import (
    TraitRatingUnlockFactory,
    TraitXPCostFactory,
    XPCostChartFactory,
    XPCostEntryFactory,
    price_unlock,
)
from world.progression.models import (
    CharacterXP,
    DevelopmentPoints,
    DevelopmentTransaction,
)
from world.progression.services import (
    DevelopmentAward,
    award_character_xp,
    award_development_points,
    award_development_points_in_bulk,
    purchase_unlock,
    release_banked_development_points,
)
from world.progression.types import DevelopmentSource, ProgressionReason
from world.traits.factories import CharacterTraitValueFactory, TraitFactory
from world.traits.models import CharacterTraitValue


def value_of(character, trait) -> int:
    return CharacterTraitValue.objects.get(character=character, trait=trait).value


def points_of(character, trait) -> DevelopmentPoints:
    return DevelopmentPoints.objects.get(character=character, trait=trait)


def give_distinction(character, **rates: int) -> None:
    """Give `character` a distinction with the given development-rate modifiers."""
    distinction = DistinctionFactory()
    for name, value in rates.items():
        DistinctionEffectFactory(
            distinction=distinction, modifier_type=ModifierTypeFactory(name=name), value=value
        )
    CharacterDistinctionFactory(character=character, distinction=distinction)


@pytest.fixture
def swords(db):
    return TraitFactory(name="Swordsmanship", category="combat")


@pytest.fixture
def spoiled(character):
    """The Spoiled distinction on `character`: physical skills develop 20% slower."""
    give_distinction(character, physical_skill_development_rate=-20)
    return character


# --- Applying points ---------------------------------------------------------------------------


def test_points_raise_a_trait_the_character_had_no_value_in_from_zero(character, swords):
    transaction = award_development_points(character, swords, DevelopmentSource.COMBAT, 7)

    assert value_of(character, swords) == 7
    points = points_of(character, swords)
    assert (points.total_earned, points.banked_points) == (7, 0)
    assert (transaction.amount, transaction.source) == (7, DevelopmentSource.COMBAT)
    assert transaction.reason == ProgressionReason.SCENE_AWARD


def test_points_add_to_an_existing_trait_value(character, swords):
    CharacterTraitValueFactory(character=character, trait=swords, value=14)

    award_development_points(character, swords, DevelopmentSource.COMBAT, 3)

    assert value_of(character, swords) == 17


# --- Rate modifiers ----------------------------------------------------------------------------


def test_spoiled_turns_ten_physical_points_into_eight(spoiled, swords):
    transaction = award_development_points(spoiled, swords, DevelopmentSource.COMBAT, 10)

    assert transaction.amount == 8
    assert value_of(spoiled, swords) == 8
    assert points_of(spoiled, swords).total_earned == 8


def test_a_slower_rate_never_awards_less_than_one_point(spoiled, swords):
    transaction = award_development_points(spoiled, swords, DevelopmentSource.COMBAT, 1)

    assert transaction.amount == 1
    assert value_of(spoiled, swords) == 1


@pytest.mark.parametrize(
    ("category", "rate"),
    [
        ("physical", "physical_skill_development_rate"),
        ("combat", "physical_skill_development_rate"),
        ("social", "social_skill_development_rate"),
        ("general", "social_skill_development_rate"),
        ("mental", "mental_skill_development_rate"),
        ("crafting", "mental_skill_development_rate"),
    ],
)
def test_each_category_uses_its_own_rate(character, category, rate):
    trait = TraitFactory(category=category)
    give_distinction(character, **{rate: 50})

    assert award_development_points(character, trait, DevelopmentSource.SCENE, 10).amount == 15


@pytest.mark.parametrize(
    ("category", "other_rate"),
    [
        ("social", "physical_skill_development_rate"),
        ("combat", "mental_skill_development_rate"),
        ("crafting", "social_skill_development_rate"),
    ],
)
def test_another_categorys_rate_does_not_apply(character, category, other_rate):
    trait = TraitFactory(category=category)
    give_distinction(character, **{other_rate: -50})

    assert award_development_points(character, trait, DevelopmentSource.SCENE, 10).amount == 10


def test_the_all_skill_rate_adds_to_the_category_rate(character, swords):
    give_distinction(character, all_skill_development_rate=30, physical_skill_development_rate=-20)

    # 10 * (100 + 30 - 20) / 100 = 11
    assert award_development_points(character, swords, DevelopmentSource.COMBAT, 10).amount == 11


def test_the_all_skill_rate_applies_to_a_category_without_a_rate_of_its_own(character):
    magic = TraitFactory(category="magic")
    give_distinction(character, all_skill_development_rate=25)

    # floor(7 * 1.25) = 8
    assert award_development_points(character, magic, DevelopmentSource.SCENE, 7).amount == 8


# --- Thresholds and banking --------------------------------------------------------------------


def test_a_locked_threshold_stops_the_trait_one_below_it_and_banks_the_rest(character, swords):
    TraitRatingUnlockFactory(trait=swords, target_rating=20)
    CharacterTraitValueFactory(character=character, trait=swords, value=15)

    award_development_points(character, swords, DevelopmentSource.COMBAT, 12)

    assert value_of(character, swords) == 19
    points = points_of(character, swords)
    assert (points.total_earned, points.banked_points) == (12, 8)
    # Nothing is lost: what was earned is what was applied plus what is banked.
    assert points.total_earned == (19 - 15) + points.banked_points


def test_points_earned_at_the_cap_are_all_banked(character, swords):
    TraitRatingUnlockFactory(trait=swords, target_rating=20)
    CharacterTraitValueFactory(character=character, trait=swords, value=19)

    award_development_points(character, swords, DevelopmentSource.COMBAT, 4)
    award_development_points(character, swords, DevelopmentSource.COMBAT, 5)

    assert value_of(character, swords) == 19
    points = points_of(character, swords)
    assert (points.total_earned, points.banked_points) == (9, 9)


def test_a_trait_without_rating_unlocks_is_not_gated(character, swords):
    CharacterTraitValueFactory(character=character, trait=swords, value=15)

    award_development_points(character, swords, DevelopmentSource.COMBAT, 12)

    assert value_of(character, swords) == 27
    assert points_of(character, swords).banked_points == 0


def test_only_thresholds_with_an_unlock_row_are_gated(character, swords):
    # An unlock at 30 but none at 20: the trait passes 20 freely and stops at 29.
    TraitRatingUnlockFactory(trait=swords, target_rating=30)
    CharacterTraitValueFactory(character=character, trait=swords, value=15)

    award_development_points(character, swords, DevelopmentSource.COMBAT, 20)

    assert value_of(character, swords) == 29
    assert points_of(character, swords).banked_points == 6


def test_an_unlock_for_another_trait_does_not_gate_this_one(character, swords):
    TraitRatingUnlockFactory(trait=TraitFactory(), target_rating=20)
    CharacterTraitValueFactory(character=character, trait=swords, value=15)

    award_development_points(character, swords, DevelopmentSource.COMBAT, 10)

    assert value_of(character, swords) == 25


def test_a_bought_threshold_does_not_stop_the_trait(character, swords):
    unlock = TraitRatingUnlockFactory(trait=swords, target_rating=20)
    CharacterTraitValueFactory(character=character, trait=swords, value=15)
    price_unlock(unlock, 0)
    purchase_unlock(character, unlock)

    award_development_points(character, swords, DevelopmentSource.COMBAT, 10)

    assert value_of(character, swords) == 25


def test_the_trait_value_never_passes_the_top_of_the_scale(character, swords):
    CharacterTraitValueFactory(character=character, trait=swords, value=95)

    award_development_points(character, swords, DevelopmentSource.COMBAT, 9)

    assert value_of(character, swords) == 100
    assert points_of(character, swords).banked_points == 4


# --- Releasing banked points -------------------------------------------------------------------


@pytest.fixture
def swords_shop(swords):
    """Rating unlocks at 20 and 30 for Swordsmanship, 20 XP each from an active chart."""
    chart = XPCostChartFactory()
    XPCostEntryFactory(chart=chart, level=20, xp_cost=20)
    XPCostEntryFactory(chart=chart, level=30, xp_cost=30)
    TraitXPCostFactory(trait=swords, cost_chart=chart)
    return {
        20: TraitRatingUnlockFactory(trait=swords, target_rating=20),
        30: TraitRatingUnlockFactory(trait=swords, target_rating=30),
    }


def test_buying_the_threshold_releases_banked_points_up_to_the_next_locked_one(
    character, swords, swords_shop
):
    CharacterTraitValueFactory(character=character, trait=swords, value=15)
    award_development_points(character, swords, DevelopmentSource.COMBAT, 20)
    assert value_of(character, swords) == 19
    assert points_of(character, swords).banked_points == 16
    award_character_xp(character, 25)

    record = purchase_unlock(character, swords_shop[20])

    assert record.xp_spent == 20
    assert CharacterXP.objects.get(character=character, transferable=True).current_available == 5
    # 16 banked: 10 carry the trait from 19 to 29, where the locked 30 holds the last 6.
    assert value_of(character, swords) == 29
    points = points_of(character, swords)
    assert (points.total_earned, points.banked_points) == (20, 6)


def test_buying_the_next_threshold_releases_the_rest(character, swords, swords_shop):
    CharacterTraitValueFactory(character=character, trait=swords, value=15)
    award_development_points(character, swords, DevelopmentSource.COMBAT, 20)
    award_character_xp(character, 50)
    purchase_unlock(character, swords_shop[20])

    purchase_unlock(character, swords_shop[30])

    assert value_of(character, swords) == 35
    assert points_of(character, swords).banked_points == 0


def test_releasing_with_nothing_banked_releases_nothing(character, swords):
    assert release_banked_development_points(character, swords) == 0
    award_development_points(character, swords, DevelopmentSource.COMBAT, 3)
    assert release_banked_development_points(character, swords) == 0
    assert value_of(character, swords) == 3


def test_releasing_while_the_threshold_is_still_locked_releases_nothing(character, swords):
    TraitRatingUnlockFactory(trait=swords, target_rating=20)
    CharacterTraitValueFactory(character=character, trait=swords, value=18)
    award_development_points(character, swords, DevelopmentSource.COMBAT, 5)

    assert release_banked_development_points(character, swords) == 0
    assert value_of(character, swords) == 19
    assert points_of(character, swords).banked_points == 4


# --- The model method --------------------------------------------------------------------------


def test_award_points_model_method_is_audited_and_applies_rate_modifiers(spoiled, swords):
    row = DevelopmentPoints.objects.create(character=spoiled, trait=swords)

    transaction = row.award_points(10)

    assert (row.total_earned, row.banked_points) == (8, 0)  # the instance is refreshed
    assert transaction.amount == 8  # Spoiled's -20%, as from every other entry point
    assert DevelopmentTransaction.objects.filter(character=spoiled, trait=swords).count() == 1
    assert value_of(spoiled, swords) == 8


def test_spoiled_gets_the_same_points_from_every_entry_point(spoiled, swords):
    DevelopmentPoints.objects.create(character=spoiled, trait=swords).award_points(10)
    award_development_points(spoiled, swords, DevelopmentSource.COMBAT, 10)
    award_development_points_in_bulk([DevelopmentAward(character=spoiled, trait=swords, amount=10)])

    amounts = DevelopmentTransaction.objects.filter(character=spoiled).values_list(
        "amount", flat=True
    )

    assert sorted(amounts) == [8, 8, 8]


def test_award_points_on_a_stale_instance_adds_to_the_current_total(character, swords):
    stale = DevelopmentPoints.objects.create(character=character, trait=swords)
    award_development_points(character, swords, DevelopmentSource.COMBAT, 4)

    stale.award_points(3)

    assert stale.total_earned == 7
    assert points_of(character, swords).total_earned == 7


def test_award_points_banks_behind_a_locked_threshold(character, swords):
    TraitRatingUnlockFactory(trait=swords, target_rating=10)
    row = DevelopmentPoints.objects.create(character=character, trait=swords)

    row.award_points(15)

    assert (row.total_earned, row.banked_points) == (15, 6)
    assert value_of(character, swords) == 9


# --- Idempotency and validation ----------------------------------------------------------------


def test_the_same_idempotency_key_awards_once_and_returns_the_first_transaction(character, swords):
    first = award_development_points(
        character, swords, DevelopmentSource.COMBAT, 5, idempotency_key="dev:1"
    )
    again = award_development_points(
        character, swords, DevelopmentSource.COMBAT, 5, idempotency_key="dev:1"
    )

    assert again.pk == first.pk
    assert points_of(character, swords).total_earned == 5
    assert value_of(character, swords) == 5
    assert DevelopmentTransaction.objects.filter(character=character).count() == 1


@pytest.mark.parametrize("amount", [0, -3, 2.5, "4", True, None])
def test_bad_amounts_are_refused_and_change_nothing(character, swords, amount):
    with pytest.raises(InvalidAmountError):
        award_development_points(character, swords, DevelopmentSource.COMBAT, amount)

    assert not DevelopmentPoints.objects.filter(character=character).exists()
    assert not CharacterTraitValue.objects.filter(character=character).exists()
    assert not DevelopmentTransaction.objects.exists()


@pytest.mark.parametrize(
    "bad",
    [
        {"amount": 0},
        {"amount": -1},
        {"amount": 1.5},
        {"trait": TraitFactory.build()},  # never saved
        {"character": "Nobody"},
    ],
    ids=["zero", "negative", "fraction", "unsaved-trait", "not-a-character"],
)
def test_one_bad_entry_refuses_the_whole_batch(character, swords, bad):
    other = TraitFactory()
    good = DevelopmentAward(character=character, trait=other, amount=3)
    fields = {"character": character, "trait": swords, "amount": 4, **bad}

    with pytest.raises(InvalidAmountError) as refused:
        award_development_points_in_bulk([good, DevelopmentAward(**fields), good])

    assert isinstance(refused.value, ProgressionError)
    assert not DevelopmentTransaction.objects.exists()
    assert not DevelopmentPoints.objects.exists()
    assert not CharacterTraitValue.objects.filter(character=character).exists()


def test_a_batch_returns_one_transaction_per_entry_in_order(character, swords):
    lore = TraitFactory(category="mental")
    entries = [
        DevelopmentAward(character=character, trait=swords, amount=2, idempotency_key="b:1"),
        DevelopmentAward(character=character, trait=lore, amount=3),
        DevelopmentAward(character=character, trait=swords, amount=4, idempotency_key="b:2"),
    ]

    transactions = award_development_points_in_bulk(entries)

    assert [(t.trait_id, t.amount) for t in transactions] == [
        (swords.pk, 2),
        (lore.pk, 3),
        (swords.pk, 4),
    ]
    assert value_of(character, swords) == 6
    # Replaying the batch returns the keyed rows and awards the unkeyed entry again.
    replay = award_development_points_in_bulk(entries)
    assert [replay[0].pk, replay[2].pk] == [transactions[0].pk, transactions[2].pk]
    assert value_of(character, swords) == 6
    assert value_of(character, lore) == 6


# --- Queries -----------------------------------------------------------------------------------

# One batch costs the same statements for 3 entries or for 30, inside a test's transaction: the
# savepoint, the characters' lock (PostgreSQL only), the one state read (keys, modifiers,
# values, points, thresholds), the trait value and point upserts, the ledger insert, the release.
BULK_QUERY_BOUND = 7


@pytest.mark.parametrize("size", [3, 30])
def test_a_batch_takes_a_constant_number_of_queries(db, django_assert_max_num_queries, size):
    traits = [TraitFactory(category="combat"), TraitFactory(category="social")]
    for trait in traits:
        TraitRatingUnlockFactory(trait=trait, target_rating=20)
    characters = [CharacterFactory() for _ in range(size)]
    give_distinction(characters[0], physical_skill_development_rate=-20)
    entries = [
        DevelopmentAward(
            character=character,
            trait=traits[index % 2],
            amount=25,
            idempotency_key=f"q:{size}:{index}",
        )
        for index, character in enumerate(characters)
    ]

    with django_assert_max_num_queries(BULK_QUERY_BOUND):
        award_development_points_in_bulk(entries)

    assert DevelopmentTransaction.objects.count() == size
    earned = DevelopmentPoints.objects.aggregate(total=Sum("total_earned"))["total"]
    assert earned == 25 * size - 5  # Spoiled turned one award of 25 into 20
    assert set(CharacterTraitValue.objects.values_list("value", flat=True)) == {19}
