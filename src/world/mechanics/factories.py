import factory
from factory.django import DjangoModelFactory

from typeclasses.factories import CharacterFactory

from .models import (
    CharacterDistinction,
    Distinction,
    DistinctionEffect,
    ModifierCategory,
    ModifierType,
)


class ModifierCategoryFactory(DjangoModelFactory):
    class Meta:
        model = ModifierCategory
        django_get_or_create = ("name",)

    name = "development"


class ModifierTypeFactory(DjangoModelFactory):
    class Meta:
        model = ModifierType
        django_get_or_create = ("category", "name")

    category = factory.SubFactory(ModifierCategoryFactory)
    name = factory.Sequence(lambda n: f"modifier{n}")


class DistinctionFactory(DjangoModelFactory):
    class Meta:
        model = Distinction
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Distinction {n}")
    slug = factory.Sequence(lambda n: f"distinction-{n}")


class DistinctionEffectFactory(DjangoModelFactory):
    class Meta:
        model = DistinctionEffect

    distinction = factory.SubFactory(DistinctionFactory)
    modifier_type = factory.SubFactory(ModifierTypeFactory)
    value = -20


class CharacterDistinctionFactory(DjangoModelFactory):
    class Meta:
        model = CharacterDistinction

    character = factory.SubFactory(CharacterFactory)
    distinction = factory.SubFactory(DistinctionFactory)
