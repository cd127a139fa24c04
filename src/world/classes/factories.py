import factory
from factory.django import DjangoModelFactory

from typeclasses.factories import CharacterFactory

from .models import CharacterClass, CharacterClassLevel, Path, PathStage


class CharacterClassFactory(DjangoModelFactory):
    class Meta:
        model = CharacterClass
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Class{n}")


class CharacterClassLevelFactory(DjangoModelFactory):
    class Meta:
        model = CharacterClassLevel

    character = factory.SubFactory(CharacterFactory)
    character_class = factory.SubFactory(CharacterClassFactory)
    level = 1


class PathFactory(DjangoModelFactory):
    class Meta:
        model = Path
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Path{n}")
    stage = PathStage.PROSPECT
    minimum_level = 1
