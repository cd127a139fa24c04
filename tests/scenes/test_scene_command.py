"""`scene/finish`: staff finish a scene and its participants get their development, once."""

import pytest

from world.progression.models import DevelopmentTransaction
from world.scenes.factories import (
    SceneFactory,
    SceneParticipationFactory,
    SceneTraitUseFactory,
    play_to_qualify,
)
from world.traits.factories import TraitFactory


@pytest.fixture
def scene(player, other_player, settings):
    """A scene Alice and Bruno played to qualify, Bruno as its GM; Alice used Brawl twice."""
    settings.PROGRESSION_SCENE_POINTS_PER_USE = 2
    settings.PROGRESSION_SCENE_CAP_PER_TRAIT = 6
    scene = SceneFactory(name="Harbour Brawl")
    SceneParticipationFactory(scene=scene, character=player, account=player.account)
    SceneParticipationFactory(
        scene=scene, character=other_player, account=other_player.account, is_gm=True
    )
    SceneTraitUseFactory(scene=scene, character=player, trait=TraitFactory(name="Brawl"), uses=2)
    play_to_qualify(scene, player, other_player)
    return scene


def test_staff_finish_a_scene_by_id_and_participants_develop(play, staff, staff_account, scene):
    out = " ".join(play(staff, f"scene/finish #{scene.pk}").split())

    assert (
        out
        == f"Scene #{scene.pk} 'Harbour Brawl' is finished: 4 development points to 1 character."
        " It qualified: 2 players each posed 3 times or more over 60 minutes."
    )
    award = DevelopmentTransaction.objects.get(scene=scene)
    assert (award.amount, award.gm) == (4, staff_account)
    scene.refresh_from_db()
    assert scene.date_finished is not None


def test_finish_a_scene_by_name(play, staff, scene):
    play(staff, "scene/finish harbour brawl")

    assert DevelopmentTransaction.objects.filter(scene=scene).count() == 1


def test_finishing_twice_awards_nothing_more(play, staff, scene):
    play(staff, f"scene/finish {scene.pk}")

    out = play(staff, f"scene/finish {scene.pk}")

    assert out.startswith(f"Scene #{scene.pk} 'Harbour Brawl' was already finished")
    assert DevelopmentTransaction.objects.filter(scene=scene).count() == 1


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("scene/finish 999999", "There is no scene '999999'."),
        ("scene/finish Nowhere", "There is no scene 'Nowhere'."),
        ("scene/finish", "Usage: scene/finish <scene id or name>"),
        ("scene Harbour Brawl", "Usage: scene/finish <scene id or name>"),
    ],
)
def test_bad_scene_input_says_why_and_awards_nothing(play, staff, scene, typed, message):
    assert play(staff, typed) == message
    assert not DevelopmentTransaction.objects.exists()


def test_players_cannot_finish_scenes(play, player, scene):
    assert play(player, f"scene/finish {scene.pk}") == "Only staff can use scene/finish."
    scene.refresh_from_db()
    assert scene.date_finished is None
