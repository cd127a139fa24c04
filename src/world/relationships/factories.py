import factory
from factory.django import DjangoModelFactory

from typeclasses.factories import CharacterFactory

from .models import CharacterRelationship


class CharacterRelationshipFactory(DjangoModelFactory):
    class Meta:
        model = CharacterRelationship

    source = factory.SubFactory(CharacterFactory)
    target = factory.SubFactory(CharacterFactory)
    level = 1
