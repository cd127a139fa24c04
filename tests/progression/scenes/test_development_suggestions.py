"""get_development_suggestions_for_character: public traits still below 100, by source."""

import pytest

from world.progression.services import get_development_suggestions_for_character
from world.progression.types import DevelopmentSource
from world.traits.factories import CharacterTraitValueFactory, TraitFactory


@pytest.fixture
def traits(db):
    return {
        name: TraitFactory(name=name, category=category, is_public=is_public)
        for name, category, is_public in [
            ("Brawling", "combat", True),
            ("Archery", "combat", True),
            ("Etiquette", "social", True),
            ("Haggling", "general", True),
            ("Smithing", "crafting", True),
            ("Lore", "mental", True),
            ("Forbidden Rites", "magic", False),
        ]
    }


def names(suggestions):
    return {source: [trait.name for trait in found] for source, found in suggestions.items()}


def test_public_traits_are_grouped_by_the_source_that_develops_them(character, traits):
    assert names(get_development_suggestions_for_character(character)) == {
        DevelopmentSource.COMBAT: ["Archery", "Brawling"],
        DevelopmentSource.SOCIAL: ["Etiquette", "Haggling"],
        DevelopmentSource.CRAFTING: ["Smithing"],
        DevelopmentSource.SCENE: ["Lore"],
    }


def test_traits_at_100_are_left_out_and_empty_groups_dropped(character, traits):
    CharacterTraitValueFactory(character=character, trait=traits["Smithing"], value=100)
    CharacterTraitValueFactory(character=character, trait=traits["Brawling"], value=100)
    suggestions = names(get_development_suggestions_for_character(character))
    assert DevelopmentSource.CRAFTING not in suggestions
    assert suggestions[DevelopmentSource.COMBAT] == ["Archery"]


def test_current_values_come_with_the_suggestions(character, traits):
    CharacterTraitValueFactory(character=character, trait=traits["Etiquette"], value=99)
    CharacterTraitValueFactory(trait=traits["Haggling"], value=70)  # someone else's value
    social = get_development_suggestions_for_character(character)[DevelopmentSource.SOCIAL]
    assert [(trait.name, trait.current_value) for trait in social] == [
        ("Etiquette", 99),
        ("Haggling", 0),
    ]


def test_another_characters_maxed_trait_is_still_suggested(character, traits):
    CharacterTraitValueFactory(trait=traits["Lore"], value=100)
    suggestions = names(get_development_suggestions_for_character(character))
    assert suggestions[DevelopmentSource.SCENE] == ["Lore"]


def test_suggestions_are_read_in_one_query(character, traits, django_assert_num_queries):
    with django_assert_num_queries(1):
        get_development_suggestions_for_character(character)
