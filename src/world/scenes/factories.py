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


def play_to_qualify(scene, *characters, poses: int = 3, minutes: int = 60) -> None:
    """Make `scene` one the farming guard lets through: each of `characters` poses `poses`
    times, and the scene started `minutes` ago (its poses are now). The characters' players
    must be different accounts with emails of their own for it to qualify."""
    from datetime import timedelta

    from django.utils import timezone

    for character in characters:
        for _ in range(poses):
            SceneMessageFactory(scene=scene, character=character)
    started = timezone.now() - timedelta(minutes=minutes)
    Scene.objects.filter(pk=scene.pk).update(date_started=started)
    scene.date_started = started
