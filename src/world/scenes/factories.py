import factory
from factory.django import DjangoModelFactory

from typeclasses.factories import CharacterFactory
from world.traits.factories import TraitFactory

from .models import Scene, SceneMessage, SceneParticipation, SceneTraitUse


class SceneFactory(DjangoModelFactory):
    class Meta:
        model = Scene

    name = factory.Sequence(lambda n: f"Scene {n}")


class SceneParticipationFactory(DjangoModelFactory):
    class Meta:
        model = SceneParticipation

    scene = factory.SubFactory(SceneFactory)
    character = factory.SubFactory(CharacterFactory)


class SceneMessageFactory(DjangoModelFactory):
    class Meta:
        model = SceneMessage

    scene = factory.SubFactory(SceneFactory)
    character = factory.SubFactory(CharacterFactory)
    content = "poses thoughtfully."


class SceneTraitUseFactory(DjangoModelFactory):
    class Meta:
        model = SceneTraitUse

    scene = factory.SubFactory(SceneFactory)
    character = factory.SubFactory(CharacterFactory)
    trait = factory.SubFactory(TraitFactory)
    uses = 1
