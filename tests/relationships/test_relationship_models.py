"""Relationships: one row per source and target, never toward oneself."""

import pytest
from django.db import IntegrityError, transaction

from typeclasses.factories import CharacterFactory
from world.relationships.factories import CharacterRelationshipFactory
from world.relationships.models import CharacterRelationship

pytestmark = pytest.mark.django_db


def test_one_relationship_per_source_and_target(character):
    other = CharacterFactory()
    CharacterRelationshipFactory(source=character, target=other, level=3)

    with pytest.raises(IntegrityError), transaction.atomic():
        CharacterRelationshipFactory(source=character, target=other, level=5)
    assert CharacterRelationship.objects.get().level == 3


def test_relationships_are_directed(character):
    other = CharacterFactory()
    CharacterRelationshipFactory(source=character, target=other, level=3)
    CharacterRelationshipFactory(source=other, target=character, level=-2)

    assert character.relationships_out.get().level == 3
    assert character.relationships_in.get().level == -2


def test_a_character_cannot_have_a_relationship_with_itself(character):
    with pytest.raises(IntegrityError), transaction.atomic():
        CharacterRelationshipFactory(source=character, target=character)
    assert not CharacterRelationship.objects.exists()
