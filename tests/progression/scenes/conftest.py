import pytest

from typeclasses.factories import CharacterFactory
from world.scenes.factories import (
    SceneFactory,
    SceneMessageFactory,
    SceneParticipationFactory,
    SceneTraitUseFactory,
)
from world.traits.factories import CharacterTraitValueFactory, TraitFactory


@pytest.fixture
def scene(db):
    return SceneFactory(name="Duel at Dawn")


@pytest.fixture
def make_participant(scene):
    """A character taking part in `scene`, with its trait uses, poses and trait values."""

    def make(*, uses=None, poses=0, values=None, is_gm=False):
        character = CharacterFactory()
        SceneParticipationFactory(scene=scene, character=character, is_gm=is_gm)
        for trait, count in (uses or {}).items():
            SceneTraitUseFactory(scene=scene, character=character, trait=trait, uses=count)
        for _ in range(poses):
            SceneMessageFactory(scene=scene, character=character)
        for trait, value in (values or {}).items():
            CharacterTraitValueFactory(character=character, trait=trait, value=value)
        return character

    return make


@pytest.fixture
def swords(db):
    return TraitFactory(name="Swordsmanship", category="combat")


@pytest.fixture
def charm(db):
    return TraitFactory(name="Charm", category="social")
