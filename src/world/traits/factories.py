import factory
from factory.django import DjangoModelFactory

from typeclasses.factories import CharacterFactory

from .models import CharacterTraitValue, Trait, TraitCategory, TraitType


class TraitFactory(DjangoModelFactory):
    class Meta:
        model = Trait
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"trait{n}")
    trait_type = TraitType.SKILL
    category = TraitCategory.GENERAL
    is_public = True


class CharacterTraitValueFactory(DjangoModelFactory):
    class Meta:
        model = CharacterTraitValue

    character = factory.SubFactory(CharacterFactory)
    trait = factory.SubFactory(TraitFactory)
    value = 10
