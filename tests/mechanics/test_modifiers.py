"""Distinctions grant modifiers: the registry's constraints and the two read services."""

import pytest
from django.db import IntegrityError, transaction

from typeclasses.factories import CharacterFactory
from world.mechanics.factories import (
    CharacterDistinctionFactory,
    DistinctionEffectFactory,
    DistinctionFactory,
    ModifierCategoryFactory,
    ModifierTypeFactory,
)
from world.mechanics.models import CharacterDistinction, Distinction, ModifierType
from world.mechanics.services import get_modifier_for_character, get_modifiers_for_characters

pytestmark = pytest.mark.django_db

RATE = "physical_skill_development_rate"


@pytest.fixture
def development_rate():
    return ModifierTypeFactory(category=ModifierCategoryFactory(name="development"), name=RATE)


@pytest.fixture
def spoiled(development_rate):
    distinction = DistinctionFactory(name="Spoiled", slug="spoiled")
    DistinctionEffectFactory(distinction=distinction, modifier_type=development_rate, value=-20)
    return distinction


def test_modifier_type_names_are_unique_within_a_category(development_rate):
    with pytest.raises(IntegrityError), transaction.atomic():
        ModifierType.objects.create(category=development_rate.category, name=RATE)


def test_the_same_modifier_name_may_exist_in_another_category(development_rate):
    other = ModifierTypeFactory(category=ModifierCategoryFactory(name="combat"), name=RATE)

    assert other.pk != development_rate.pk


def test_distinction_names_and_slugs_are_unique(spoiled):
    with pytest.raises(IntegrityError), transaction.atomic():
        Distinction.objects.create(name="Spoiled", slug="spoiled-again")
    with pytest.raises(IntegrityError), transaction.atomic():
        Distinction.objects.create(name="Spoiled Again", slug="spoiled")


def test_a_character_has_a_distinction_once(character, spoiled):
    CharacterDistinctionFactory(character=character, distinction=spoiled)

    with pytest.raises(IntegrityError), transaction.atomic():
        CharacterDistinctionFactory(character=character, distinction=spoiled)
    assert CharacterDistinction.objects.count() == 1


def test_spoiled_character_develops_physical_skills_twenty_percent_slower(character, spoiled):
    CharacterDistinctionFactory(character=character, distinction=spoiled)

    assert get_modifier_for_character(character, "development", RATE) == -20


def test_modifier_is_zero_without_distinctions(character, spoiled):
    assert get_modifier_for_character(character, "development", RATE) == 0


def test_modifier_is_zero_for_an_unknown_type_or_category(character, spoiled):
    CharacterDistinctionFactory(character=character, distinction=spoiled)

    assert get_modifier_for_character(character, "development", "no_such_rate") == 0
    assert get_modifier_for_character(character, "no_such_category", RATE) == 0


def test_effects_of_several_distinctions_add_up(character, spoiled, development_rate):
    driven = DistinctionFactory(name="Driven", slug="driven")
    DistinctionEffectFactory(distinction=driven, modifier_type=development_rate, value=15)
    CharacterDistinctionFactory(character=character, distinction=spoiled)
    CharacterDistinctionFactory(character=character, distinction=driven)

    assert get_modifier_for_character(character, "development", RATE) == -5


def test_another_characters_distinctions_do_not_count(character, spoiled):
    CharacterDistinctionFactory(character=CharacterFactory(), distinction=spoiled)

    assert get_modifier_for_character(character, "development", RATE) == 0


def test_bulk_modifiers_for_many_characters_in_one_query(
    character, spoiled, development_rate, django_assert_num_queries
):
    mental = ModifierTypeFactory(category=development_rate.category, name="mental_rate")
    scholar = DistinctionFactory(name="Scholar", slug="scholar")
    DistinctionEffectFactory(distinction=scholar, modifier_type=mental, value=10)
    DistinctionEffectFactory(distinction=scholar, modifier_type=development_rate, value=5)
    both, plain = CharacterFactory(), CharacterFactory()
    CharacterDistinctionFactory(character=character, distinction=spoiled)
    CharacterDistinctionFactory(character=both, distinction=spoiled)
    CharacterDistinctionFactory(character=both, distinction=scholar)

    with django_assert_num_queries(1):
        modifiers = get_modifiers_for_characters(
            [character.pk, both.pk, plain.pk], "development", [RATE, "mental_rate"]
        )

    assert modifiers == {
        character.pk: {RATE: -20},
        both.pk: {RATE: -15, "mental_rate": 10},
    }


def test_bulk_modifiers_agree_with_the_single_character_service(character, spoiled):
    CharacterDistinctionFactory(character=character, distinction=spoiled)

    bulk = get_modifiers_for_characters([character.pk], "development", [RATE])

    assert bulk[character.pk][RATE] == get_modifier_for_character(character, "development", RATE)
