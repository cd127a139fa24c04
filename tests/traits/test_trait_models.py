"""Traits and character trait values: the database keeps them unique and on the 1-100 scale."""

import pytest
from django.db import IntegrityError, transaction

from world.traits.factories import CharacterTraitValueFactory, TraitFactory
from world.traits.models import CharacterTraitValue, Trait

pytestmark = pytest.mark.django_db


def test_trait_names_are_unique():
    Trait.objects.create(name="Strength")

    with pytest.raises(IntegrityError), transaction.atomic():
        Trait.objects.create(name="Strength")


def test_a_character_holds_one_value_per_trait(character):
    trait = TraitFactory()
    CharacterTraitValue.objects.create(character=character, trait=trait, value=20)

    with pytest.raises(IntegrityError), transaction.atomic():
        CharacterTraitValue.objects.create(character=character, trait=trait, value=30)
    assert character.trait_values.get().value == 20


@pytest.mark.parametrize("value", [0, 1, 55, 100])
def test_values_on_the_internal_scale_are_stored(character, value):
    stored = CharacterTraitValueFactory(character=character, value=value)

    stored.refresh_from_db()
    assert stored.value == value


@pytest.mark.parametrize("value", [-1, 101, 250])
def test_values_off_the_internal_scale_are_refused(character, value):
    with pytest.raises(IntegrityError), transaction.atomic():
        CharacterTraitValueFactory(character=character, value=value)
    assert not CharacterTraitValue.objects.exists()


@pytest.mark.parametrize(("value", "shown"), [(25, 2.5), (10, 1.0), (7, 0.7), (100, 10.0)])
def test_display_value_is_the_value_divided_by_ten(value, shown):
    assert CharacterTraitValue(value=value).display_value == shown


def test_trait_values_are_reachable_from_the_character(character):
    strength = CharacterTraitValueFactory(character=character, trait=TraitFactory(name="Str"))
    wits = CharacterTraitValueFactory(character=character, trait=TraitFactory(name="Wits"))

    assert set(character.trait_values.all()) == {strength, wits}
