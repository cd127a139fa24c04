"""Shared by the progression tests: a character with one of everything its sheet shows (class
levels, a trait whose development is banked behind a locked threshold, two paths, a goal whose
second step needs class level 8, and its own XP)."""

import pytest

from typeclasses.factories import CharacterFactory
from world.classes.factories import CharacterClassFactory, CharacterClassLevelFactory, PathFactory
from world.classes.models import PathStage
from world.progression.factories import (
    ClassLevelUnlockFactory,
    LevelRequirementFactory,
    TraitRatingUnlockFactory,
    price_unlock,
)
from world.progression.services import award_character_xp, award_development, award_xp, select_path
from world.progression.services.plans import set_goal
from world.traits.factories import TraitFactory


@pytest.fixture
def full_character(account):
    """`make(name, *, rows=1)`: one of `account`'s characters with everything a sheet shows;
    `rows` multiplies its traits, so tests can grow the rows without growing the queries."""
    warrior = CharacterClassFactory(name="Warrior")
    ranger = CharacterClassFactory(name="Ranger")
    # The goal's class: two levels to buy, the second out of reach below class level 8.
    levels = [ClassLevelUnlockFactory(character_class=ranger, target_level=n) for n in (1, 2)]
    for level in levels:
        price_unlock(level, 20)
    LevelRequirementFactory(class_level_unlock=levels[1], minimum_level=8)
    blade = PathFactory(name="Blade", stage=PathStage.PROSPECT, description="Steel first.")
    edge = PathFactory(name="Edge", stage=PathStage.POTENTIAL, description="<b>Sharper</b>.")
    edge.parent_paths.add(blade)
    award_xp(account, 50)

    def make(name, *, rows=1):
        character = CharacterFactory(account=account, key=name)
        CharacterClassLevelFactory(character=character, character_class=warrior, level=6)
        select_path(character, blade)
        select_path(character, edge)
        for n in range(rows):
            trait = TraitFactory(name=f"Swords{n}")
            price_unlock(TraitRatingUnlockFactory(trait=trait, target_rating=30), 15)
            award_development(character=character, trait=trait, amount=35)
        award_character_xp(character, 7, transferable=False)
        award_character_xp(character, 4, transferable=True)
        return character

    make.levels = levels
    make.set_goal = set_goal
    return make
