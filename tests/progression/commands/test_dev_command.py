"""The `dev` command: trait ratings 2.5-style, points earned, banked, and what releases them."""

import pytest
from table_cells import row_starting

from world.classes.factories import CharacterClassFactory, CharacterClassLevelFactory
from world.progression.factories import (
    TraitRatingUnlockFactory,
    TraitXPCostFactory,
    XPCostChartFactory,
    XPCostEntryFactory,
)
from world.progression.services.awards import award_development_points
from world.progression.types import DevelopmentSource
from world.traits.factories import CharacterTraitValueFactory, TraitFactory


@pytest.fixture
def strength(db):
    chart = XPCostChartFactory(name="Ratings")
    XPCostEntryFactory(chart=chart, level=20, xp_cost=30)
    trait = TraitFactory(name="Strength")
    TraitXPCostFactory(trait=trait, cost_chart=chart)
    TraitRatingUnlockFactory(trait=trait, target_rating=20)
    return trait


def test_dev_shows_rating_earned_banked_and_the_unlock_that_releases_them(play, player, strength):
    CharacterTraitValueFactory(character=player, trait=strength, value=15)
    award_development_points(player, strength, DevelopmentSource.COMBAT, 10)

    out = play(player, "dev")

    assert row_starting(out, "Strength") == ["Strength", "1.9", "10", "6", "Strength 2.0 (30 XP)"]


def test_dev_shows_traits_without_banked_points_plainly(play, player):
    CharacterTraitValueFactory(character=player, trait=TraitFactory(name="Charm"), value=25)

    assert row_starting(play(player, "dev"), "Charm") == ["Charm", "2.5", "0", "", ""]


def test_dev_without_any_traits_says_so(play, player):
    assert play(player, "dev") == "Alice has no trait development yet."


def test_dev_shows_the_class_levels_held_above_the_ratings(play, player, strength):
    CharacterClassLevelFactory(
        character=player, character_class=CharacterClassFactory(name="Warrior")
    )
    CharacterTraitValueFactory(character=player, trait=strength, value=15)

    lines = play(player, "dev").splitlines()

    assert lines[1] == "Class levels held: Warrior level 1"
    assert row_starting("\n".join(lines), "Strength")[:2] == ["Strength", "1.5"]


def test_dev_shows_class_levels_held_without_any_trait(play, player):
    CharacterClassLevelFactory(character=player, character_class=CharacterClassFactory(name="Mage"))

    assert play(player, "dev") == (
        "Class levels held: Mage level 1\nAlice has no trait development yet."
    )
