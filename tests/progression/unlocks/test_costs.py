"""What unlocks cost: a chart's entries, scaled by the class's or trait's percentage modifier
(rounding down), and nothing at all when the chart is inactive or missing."""

import pytest
from django.core.exceptions import ValidationError

from world.classes.factories import CharacterClassFactory
from world.progression.factories import (
    ClassLevelUnlockFactory,
    ClassXPCostFactory,
    TraitRatingUnlockFactory,
    TraitXPCostFactory,
    XPCostChartFactory,
    XPCostEntryFactory,
)
from world.progression.models import TraitRatingUnlock
from world.traits.factories import TraitFactory


@pytest.fixture
def chart(db):
    chart = XPCostChartFactory(name="Standard")
    XPCostEntryFactory(chart=chart, level=1, xp_cost=10)
    XPCostEntryFactory(chart=chart, level=2, xp_cost=25)
    XPCostEntryFactory(chart=chart, level=20, xp_cost=33)
    return chart


def test_chart_returns_the_cost_of_a_level_it_lists(chart):
    assert chart.get_cost_for_level(2) == 25


def test_chart_returns_zero_for_a_level_it_does_not_list(chart):
    assert chart.get_cost_for_level(3) == 0


@pytest.mark.parametrize(
    ("modifier", "level", "cost"),
    [(100, 2, 25), (150, 2, 37), (80, 2, 20), (150, 1, 15), (80, 20, 26)],
)
def test_class_cost_scales_the_chart_by_its_percentage_rounding_down(chart, modifier, level, cost):
    class_cost = ClassXPCostFactory(cost_chart=chart, cost_modifier=modifier)

    assert class_cost.get_cost_for_level(level) == cost


@pytest.mark.parametrize(
    ("modifier", "rating", "cost"), [(100, 20, 33), (150, 20, 49), (80, 20, 26), (80, 2, 20)]
)
def test_trait_cost_scales_the_chart_by_its_percentage_rounding_down(chart, modifier, rating, cost):
    trait_cost = TraitXPCostFactory(cost_chart=chart, cost_modifier=modifier)

    assert trait_cost.get_cost_for_rating(rating) == cost


def test_an_inactive_chart_costs_nothing(chart, character):
    chart.is_active = False
    chart.save()
    class_cost = ClassXPCostFactory(cost_chart=chart, cost_modifier=150)
    trait_cost = TraitXPCostFactory(cost_chart=chart, cost_modifier=150)
    class_unlock = ClassLevelUnlockFactory(
        character_class=class_cost.character_class, target_level=2
    )
    trait_unlock = TraitRatingUnlockFactory(trait=trait_cost.trait, target_rating=20)

    assert class_cost.get_cost_for_level(2) == 0
    assert trait_cost.get_cost_for_rating(20) == 0
    assert class_unlock.get_xp_cost_for_character(character) == 0
    assert trait_unlock.get_xp_cost_for_character(character) == 0


def test_class_level_unlock_costs_its_class_chart_with_the_modifier(chart, character):
    class_cost = ClassXPCostFactory(cost_chart=chart, cost_modifier=150)
    unlock = ClassLevelUnlockFactory(character_class=class_cost.character_class, target_level=2)

    assert unlock.get_xp_cost_for_character(character) == 37


def test_trait_rating_unlock_costs_its_trait_chart_with_the_modifier(chart, character):
    trait_cost = TraitXPCostFactory(cost_chart=chart, cost_modifier=80)
    unlock = TraitRatingUnlockFactory(trait=trait_cost.trait, target_rating=20)

    assert unlock.get_xp_cost_for_character(character) == 26


def test_class_level_unlock_without_a_chart_costs_nothing(character):
    unlock = ClassLevelUnlockFactory(character_class=CharacterClassFactory(), target_level=2)

    assert unlock.get_xp_cost_for_character(character) == 0


def test_trait_rating_unlock_without_a_chart_costs_nothing(character):
    unlock = TraitRatingUnlockFactory(trait=TraitFactory(), target_rating=20)

    assert unlock.get_xp_cost_for_character(character) == 0


def test_another_classes_chart_does_not_price_this_class(chart, character):
    ClassXPCostFactory(cost_chart=chart)
    unlock = ClassLevelUnlockFactory(character_class=CharacterClassFactory(), target_level=2)

    assert unlock.get_xp_cost_for_character(character) == 0


@pytest.mark.parametrize("rating", [25, 1, 99])
def test_a_rating_unlock_between_thresholds_is_refused_on_save(db, rating):
    trait = TraitFactory()

    with pytest.raises(ValidationError) as refused:
        TraitRatingUnlock(trait=trait, target_rating=rating).save()

    assert "target_rating" in refused.value.message_dict
    assert not TraitRatingUnlock.objects.filter(trait=trait).exists()


def test_a_rating_unlock_at_a_threshold_saves(db):
    unlock = TraitRatingUnlock(trait=TraitFactory(), target_rating=30)
    unlock.save()

    assert TraitRatingUnlock.objects.filter(pk=unlock.pk, target_rating=30).exists()
