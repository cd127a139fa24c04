"""The Scene admin's "Finish scene (award development)" action."""

import pytest
from django.test import Client
from django.urls import reverse

from typeclasses.factories import AccountFactory
from world.progression.models import DevelopmentTransaction
from world.scenes.factories import (
    SceneFactory,
    SceneMessageFactory,
    SceneParticipationFactory,
    SceneTraitUseFactory,
    play_to_qualify,
)
from world.scenes.models import Scene
from world.traits.factories import TraitFactory

CHANGELIST = "admin:scenes_scene_changelist"


@pytest.fixture
def staff(db):
    account = AccountFactory(permissions=["Developer"])
    account.is_staff = account.is_superuser = True
    account.save()
    return account


@pytest.fixture
def client(staff):
    client = Client()
    client.force_login(staff)
    return client


@pytest.fixture
def scene(db):
    scene = SceneFactory(name="Siege of Harrow")
    participation = SceneParticipationFactory(scene=scene, account=AccountFactory())
    gm = SceneParticipationFactory(scene=scene, account=AccountFactory(), is_gm=True)
    SceneTraitUseFactory(
        scene=scene,
        character=participation.character,
        trait=TraitFactory(name="Tactics", category="combat"),
        uses=2,
    )
    play_to_qualify(scene, participation.character, gm.character)
    return scene


def finish(client, scene):
    return client.post(
        reverse(CHANGELIST),
        {"action": "finish_scenes", "_selected_action": [scene.pk]},
        follow=True,
    )


def test_changelist_and_change_page_render(client, scene):
    assert client.get(reverse(CHANGELIST)).status_code == 200
    assert client.get(reverse("admin:scenes_scene_change", args=[scene.pk])).status_code == 200


def test_finish_action_finishes_the_scene_and_awards_it(client, staff, scene):
    page = finish(client, scene)
    assert "is finished: 4 development points to 1 character." in page.content.decode()
    assert Scene.objects.get(pk=scene.pk).is_finished
    assert list(DevelopmentTransaction.objects.values_list("scene_id", "amount", "gm_id")) == [
        (scene.pk, 4, staff.pk)
    ]


def test_finishing_again_from_the_admin_awards_nothing_and_says_so(client, scene):
    finish(client, scene)
    page = finish(client, scene)
    assert "was already finished" in page.content.decode()
    assert DevelopmentTransaction.objects.count() == 1


def test_change_page_shows_the_scene_log_and_trait_uses(client, scene):
    SceneMessageFactory(scene=scene, content="Holds the gate against the third charge.")

    page = client.get(reverse("admin:scenes_scene_change", args=[scene.pk])).content.decode()

    assert "Holds the gate against the third charge." in page
    assert "Tactics" in page
