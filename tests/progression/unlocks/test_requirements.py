"""Class-level unlock requirements: each type says whether a character meets it and, either way,
what is needed and what the character has."""

import pytest
from django.core.exceptions import ValidationError
from evennia.contrib.game_systems.achievements.achievements import track_achievements

from typeclasses.factories import CharacterFactory
from world.classes.factories import CharacterClassFactory, CharacterClassLevelFactory
from world.progression.factories import (
    AchievementRequirementFactory,
    ClassLevelRequirementFactory,
    ClassLevelUnlockFactory,
    LevelRequirementFactory,
    MultiClassLevelFactory,
    MultiClassRequirementFactory,
    RelationshipRequirementFactory,
    TierRequirementFactory,
    TraitRequirementFactory,
)
from world.progression.services import check_requirements_for_unlock
from world.relationships.factories import CharacterRelationshipFactory
from world.traits.factories import CharacterTraitValueFactory, TraitFactory


@pytest.fixture
def strength(db):
    return TraitFactory(name="Strength", trait_type="stat", category="physical")


@pytest.fixture
def warrior(db):
    return CharacterClassFactory(name="Warrior")


@pytest.fixture
def mage(db):
    return CharacterClassFactory(name="Mage")


# --- Trait -------------------------------------------------------------------------------------


def test_trait_requirement_is_met_at_the_minimum_value(character, strength):
    CharacterTraitValueFactory(character=character, trait=strength, value=30)
    requirement = TraitRequirementFactory(trait=strength, minimum_value=30)

    assert requirement.is_met_by_character(character) == (True, "Need Strength 3.0, have 3.0")


def test_trait_requirement_fails_below_the_minimum_value(character, strength):
    CharacterTraitValueFactory(character=character, trait=strength, value=25)
    requirement = TraitRequirementFactory(trait=strength, minimum_value=30)

    assert requirement.is_met_by_character(character) == (False, "Need Strength 3.0, have 2.5")


def test_trait_requirement_counts_a_missing_trait_as_zero(character, strength):
    requirement = TraitRequirementFactory(trait=strength, minimum_value=10)

    assert requirement.is_met_by_character(character) == (False, "Need Strength 1.0, have 0.0")


# --- Level (any class) -------------------------------------------------------------------------


def test_level_requirement_is_met_by_the_highest_class_level(character, warrior, mage):
    CharacterClassLevelFactory(character=character, character_class=warrior, level=2)
    CharacterClassLevelFactory(character=character, character_class=mage, level=4)
    requirement = LevelRequirementFactory(minimum_level=4)

    assert requirement.is_met_by_character(character) == (
        True,
        "Need a class at level 4, highest is 4",
    )


def test_level_requirement_fails_when_no_class_is_high_enough(character, warrior):
    CharacterClassLevelFactory(character=character, character_class=warrior, level=2)
    requirement = LevelRequirementFactory(minimum_level=3)

    assert requirement.is_met_by_character(character) == (
        False,
        "Need a class at level 3, highest is 2",
    )


# --- Class level -------------------------------------------------------------------------------


def test_class_level_requirement_is_met_by_that_class(character, warrior):
    CharacterClassLevelFactory(character=character, character_class=warrior, level=3)
    requirement = ClassLevelRequirementFactory(character_class=warrior, minimum_level=3)

    assert requirement.is_met_by_character(character) == (True, "Need Warrior level 3, have 3")


def test_class_level_requirement_ignores_other_classes(character, warrior, mage):
    CharacterClassLevelFactory(character=character, character_class=mage, level=6)
    requirement = ClassLevelRequirementFactory(character_class=warrior, minimum_level=2)

    assert requirement.is_met_by_character(character) == (False, "Need Warrior level 2, have 0")


# --- Several classes ---------------------------------------------------------------------------


@pytest.fixture
def warrior_and_mage(warrior, mage):
    requirement = MultiClassRequirementFactory()
    MultiClassLevelFactory(
        multi_class_requirement=requirement, character_class=warrior, minimum_level=2
    )
    MultiClassLevelFactory(
        multi_class_requirement=requirement, character_class=mage, minimum_level=3
    )
    return requirement


def test_multiclass_requirement_is_met_when_every_class_reaches_its_level(
    character, warrior, mage, warrior_and_mage
):
    CharacterClassLevelFactory(character=character, character_class=warrior, level=2)
    CharacterClassLevelFactory(character=character, character_class=mage, level=5)

    met, message = warrior_and_mage.is_met_by_character(character)

    assert met is True
    assert message == "Need Warrior 2, Mage 3: met"


def test_multiclass_requirement_names_every_class_that_falls_short(
    character, warrior, mage, warrior_and_mage
):
    CharacterClassLevelFactory(character=character, character_class=warrior, level=2)
    CharacterClassLevelFactory(character=character, character_class=mage, level=1)

    met, message = warrior_and_mage.is_met_by_character(character)

    assert met is False
    assert message == "Need Warrior 2, Mage 3; short of Mage 3 (have 1)"


def test_multiclass_requirement_shows_its_override_text_either_way(character, warrior):
    requirement = MultiClassRequirementFactory(description_override="Walk two roads")
    MultiClassLevelFactory(
        multi_class_requirement=requirement, character_class=warrior, minimum_level=1
    )

    assert requirement.is_met_by_character(character) == (False, "Walk two roads")
    CharacterClassLevelFactory(character=character, character_class=warrior, level=1)
    assert requirement.is_met_by_character(character) == (True, "Walk two roads")


# --- Tier --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "minimum_tier", "met", "have"),
    [
        (1, 1, True, 1),
        (5, 1, True, 1),
        (5, 2, False, 1),
        (6, 2, True, 2),
        (10, 2, True, 2),
    ],
)
def test_tier_requirement_puts_levels_one_to_five_in_tier_one_and_six_to_ten_in_tier_two(
    character, warrior, level, minimum_tier, met, have
):
    CharacterClassLevelFactory(character=character, character_class=warrior, level=level)
    requirement = TierRequirementFactory(minimum_tier=minimum_tier)

    assert requirement.is_met_by_character(character) == (
        met,
        f"Need tier {minimum_tier}, have tier {have}",
    )


def test_tier_requirement_fails_for_a_character_without_a_class(character):
    requirement = TierRequirementFactory(minimum_tier=1)

    assert requirement.is_met_by_character(character) == (False, "Need tier 1, have tier 0")


# --- Achievement -------------------------------------------------------------------------------


def test_achievement_requirement_is_met_once_the_contrib_records_the_achievement(character):
    requirement = AchievementRequirementFactory(achievement_key="slew_the_dragon")
    assert requirement.is_met_by_character(character)[0] is False

    completed = track_achievements(character, category="defeat", tracking="dragon")

    assert completed == ("slew_the_dragon",)
    assert requirement.is_met_by_character(character) == (True, "Need achievement: slew_the_dragon")


def test_achievement_requirement_fails_when_the_achievement_is_not_earned(character):
    requirement = AchievementRequirementFactory(achievement_key="slew_the_dragon")

    assert requirement.is_met_by_character(character) == (
        False,
        "Need achievement: slew_the_dragon (not yet earned)",
    )


@pytest.mark.parametrize("key", ["slew_the_dragon", "creator_id", "achievements"])
def test_achievement_requirement_is_not_met_by_an_attribute_of_the_same_name(character, key):
    # Only the named achievement counts: a plain attribute (even one every character has, like
    # creator_id) or another achievement does not.
    character.attributes.add(key, True)
    track_achievements(character, category="lore", tracking="codex_of_tides")
    requirement = AchievementRequirementFactory(achievement_key=key)

    met, _ = requirement.is_met_by_character(character)

    assert met is False


@pytest.mark.django_db
def test_an_achievement_requirement_must_name_an_achievement_the_game_defines():
    requirement = AchievementRequirementFactory.build(
        class_level_unlock=ClassLevelUnlockFactory(), achievement_key="no_such_achievement"
    )

    with pytest.raises(ValidationError, match="No achievement has the key"):
        requirement.full_clean()


def test_achievement_requirement_names_its_description_when_it_has_one(character):
    requirement = AchievementRequirementFactory(
        achievement_key="slew_the_dragon", description="Slay the dragon of Mount Arx"
    )

    assert requirement.is_met_by_character(character)[1] == (
        "Need achievement: Slay the dragon of Mount Arx (not yet earned)"
    )


# --- Relationship ------------------------------------------------------------------------------


@pytest.fixture
def mentor(account):
    return CharacterFactory(key="Mentor", account=account)


def test_relationship_requirement_is_met_at_the_minimum_level(character, mentor):
    CharacterRelationshipFactory(source=character, target=mentor, level=5)
    requirement = RelationshipRequirementFactory(relationship_target="Mentor", minimum_level=5)

    assert requirement.is_met_by_character(character) == (
        True,
        "Need relationship 5 with Mentor, have 5",
    )


def test_relationship_requirement_finds_the_target_whatever_its_case(character, mentor):
    CharacterRelationshipFactory(source=character, target=mentor, level=5)
    requirement = RelationshipRequirementFactory(relationship_target="mENTOR", minimum_level=3)

    assert requirement.is_met_by_character(character) == (
        True,
        "Need relationship 3 with mENTOR, have 5",
    )


def test_relationship_requirement_fails_below_the_minimum_level(character, mentor):
    CharacterRelationshipFactory(source=character, target=mentor, level=2)
    requirement = RelationshipRequirementFactory(relationship_target="Mentor", minimum_level=3)

    assert requirement.is_met_by_character(character) == (
        False,
        "Need relationship 3 with Mentor, have 2",
    )


def test_relationship_requirement_fails_without_any_relationship(character, mentor):
    requirement = RelationshipRequirementFactory(relationship_target="Mentor", minimum_level=1)

    assert requirement.is_met_by_character(character) == (
        False,
        "Need relationship 1 with Mentor, have none",
    )


def test_relationship_requirement_only_counts_the_characters_own_relationships(
    character, mentor, account
):
    someone_else = CharacterFactory(key="Bystander", account=account)
    CharacterRelationshipFactory(source=someone_else, target=mentor, level=9)
    requirement = RelationshipRequirementFactory(relationship_target="Mentor", minimum_level=1)

    assert requirement.is_met_by_character(character)[1].endswith("have none")


def test_relationship_requirement_fails_when_no_character_has_that_name(character):
    requirement = RelationshipRequirementFactory(relationship_target="Nobody", minimum_level=1)

    assert requirement.is_met_by_character(character) == (
        False,
        "No character named Nobody exists",
    )


# --- Active and inactive -----------------------------------------------------------------------


def test_check_requirements_reports_every_failed_active_requirement(character, strength, warrior):
    unlock = ClassLevelUnlockFactory(character_class=warrior, target_level=1)
    TraitRequirementFactory(class_level_unlock=unlock, trait=strength, minimum_value=20)
    TierRequirementFactory(class_level_unlock=unlock, minimum_tier=2)

    assert check_requirements_for_unlock(character, unlock) == (
        False,
        ["Need Strength 2.0, have 0.0", "Need tier 2, have tier 0"],
    )


def test_check_requirements_ignores_an_inactive_requirement(character, strength, warrior):
    unlock = ClassLevelUnlockFactory(character_class=warrior, target_level=1)
    TraitRequirementFactory(
        class_level_unlock=unlock, trait=strength, minimum_value=50, is_active=False
    )

    assert check_requirements_for_unlock(character, unlock) == (True, [])


def test_check_requirements_passes_when_every_active_requirement_is_met(
    character, strength, warrior
):
    CharacterTraitValueFactory(character=character, trait=strength, value=20)
    unlock = ClassLevelUnlockFactory(character_class=warrior, target_level=1)
    TraitRequirementFactory(class_level_unlock=unlock, trait=strength, minimum_value=20)
    TierRequirementFactory(class_level_unlock=unlock, minimum_tier=2, is_active=False)

    assert check_requirements_for_unlock(character, unlock) == (True, [])
