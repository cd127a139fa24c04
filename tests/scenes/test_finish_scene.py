"""finish_scene: a scene is finished once, and its participants are awarded exactly once."""

import pytest
from django.utils import timezone
from scene_harness import run_together

from typeclasses.factories import AccountFactory, CharacterFactory
from world.progression.models import DevelopmentPoints, DevelopmentTransaction
from world.progression.services import award_scene_development_points
from world.scenes.factories import (
    SceneFactory,
    SceneParticipationFactory,
    SceneTraitUseFactory,
    play_to_qualify,
)
from world.scenes.models import Scene
from world.scenes.services import finish_scene
from world.traits.factories import CharacterTraitValueFactory, TraitFactory
from world.traits.models import CharacterTraitValue

THREADS = 6


@pytest.fixture(autouse=True)
def scene_economy(settings):
    settings.PROGRESSION_SCENE_POINTS_PER_USE = 2
    settings.PROGRESSION_SCENE_CAP_PER_TRAIT = 6
    settings.PROGRESSION_SCENE_PARTICIPATION_POINTS = 1


@pytest.fixture
def played_scene(db):
    """A scene three players played to qualify (each posed three times, over an hour): a
    fighter (Swordsmanship used twice), a talker (no trait used, Charm 30 their best) and a GM
    who used a trait narrating."""
    scene = SceneFactory(name="Ambush on the Kingsroad")
    swords = TraitFactory(name="Swordsmanship", category="combat")
    charm = TraitFactory(name="Charm", category="social")
    fighter, talker, gm = (CharacterFactory() for _ in range(3))
    for character in (fighter, talker, gm):
        SceneParticipationFactory(
            scene=scene, character=character, account=AccountFactory(), is_gm=character is gm
        )
    SceneTraitUseFactory(scene=scene, character=fighter, trait=swords, uses=2)
    SceneTraitUseFactory(scene=scene, character=gm, trait=charm, uses=3)
    play_to_qualify(scene, fighter, talker, gm)
    CharacterTraitValueFactory(character=fighter, trait=swords, value=20)
    CharacterTraitValueFactory(character=talker, trait=charm, value=30)
    return (
        scene,
        {"fighter": fighter, "talker": talker, "gm": gm},
        {"swords": swords, "charm": charm},
    )


def value(character, trait) -> int:
    return CharacterTraitValue.objects.get(character=character, trait=trait).value


def test_finishing_marks_the_scene_finished_and_awards_what_was_played(played_scene):
    scene, people, traits = played_scene
    result = finish_scene(scene)
    assert not result.already_finished
    stored = Scene.objects.get(pk=scene.pk)
    assert stored.date_finished is not None and not stored.is_active
    assert scene.is_finished and not scene.is_active  # the caller's instance shows it too
    assert sorted((tx.character_id, tx.trait_id, tx.amount) for tx in result.transactions) == [
        (people["fighter"].pk, traits["swords"].pk, 4),
        (people["talker"].pk, traits["charm"].pk, 1),
    ]
    assert (
        value(people["fighter"], traits["swords"]),
        value(people["talker"], traits["charm"]),
    ) == (
        24,
        31,
    )


def test_the_result_message_sums_up_the_awards_and_why_the_scene_qualified(played_scene):
    scene, _people, _traits = played_scene
    assert finish_scene(scene).message == (
        f"Scene #{scene.pk} 'Ambush on the Kingsroad' is finished: 5 development points to "
        "2 characters. It qualified: 3 players each posed 3 times or more over 60 minutes."
    )


def test_gms_of_the_scene_earn_nothing_from_it(played_scene):
    scene, people, _traits = played_scene
    finish_scene(scene)
    assert not DevelopmentTransaction.objects.filter(character=people["gm"]).exists()


def test_whoever_finished_the_scene_is_recorded_on_its_awards(played_scene):
    scene, _people, _traits = played_scene
    staff = AccountFactory()
    finish_scene(scene, finished_by=staff)
    assert set(DevelopmentTransaction.objects.values_list("gm_id", flat=True)) == {staff.pk}


def test_finishing_again_awards_nothing_more_and_says_so(played_scene):
    scene, people, traits = played_scene
    finish_scene(scene)
    again = finish_scene(Scene.objects.get(pk=scene.pk))
    assert again.already_finished and again.transactions == []
    assert "was already finished" in again.message
    assert "nothing more was awarded" in again.message
    assert DevelopmentTransaction.objects.filter(scene=scene).count() == 2
    assert value(people["fighter"], traits["swords"]) == 24


def test_a_stale_instance_cannot_finish_a_scene_twice(played_scene):
    scene, _people, _traits = played_scene
    stale = Scene.objects.get(pk=scene.pk)
    finish_scene(scene)
    assert stale.date_finished is None
    assert finish_scene(stale).already_finished
    assert DevelopmentTransaction.objects.filter(scene=scene).count() == 2


def test_a_scene_finished_another_way_awards_nothing(played_scene):
    scene, _people, _traits = played_scene
    Scene.objects.filter(pk=scene.pk).update(date_finished=timezone.now(), is_active=False)
    assert finish_scene(scene).already_finished
    assert not DevelopmentTransaction.objects.exists()


def test_a_scene_nobody_played_in_finishes_with_no_awards(db):
    scene = SceneFactory(name="Empty Hall")
    SceneParticipationFactory(scene=scene)
    result = finish_scene(scene)
    assert result.transactions == [] and scene.is_finished
    assert result.message == (
        f"Scene #{scene.pk} 'Empty Hall' is finished; nobody earned development. It did not "
        "qualify, so it earns nothing: no player took part (characters of one account, or of "
        "one player's alts, are one player)."
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_finishes_award_once(played_scene):
    scene, people, traits = played_scene
    results, errors = run_together(lambda: finish_scene(Scene.objects.get(pk=scene.pk)))
    assert errors == []
    assert sorted(result.already_finished for result in results) == [False] + [True] * (THREADS - 1)
    assert DevelopmentTransaction.objects.filter(scene=scene).count() == 2
    assert value(people["fighter"], traits["swords"]) == 24
    assert value(people["talker"], traits["charm"]) == 31
    assert DevelopmentPoints.objects.get(character=people["fighter"]).total_earned == 4


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_awards_of_one_scene_are_paid_once_by_their_keys(played_scene):
    # Without the scene lock (awarding directly), the per scene/character/trait keys alone
    # keep a second payment out.
    scene, people, traits = played_scene
    participants = [people["fighter"], people["talker"]]
    awards = {
        people["fighter"].pk: {traits["swords"]: 4},
        people["talker"].pk: {traits["charm"]: 2},
    }
    results, errors = run_together(
        lambda: [tx.pk for tx in award_scene_development_points(scene, participants, awards)]
    )
    assert errors == []
    assert len({tuple(pks) for pks in results}) == 1
    assert DevelopmentTransaction.objects.filter(scene=scene).count() == 2
    assert value(people["fighter"], traits["swords"]) == 24
    assert value(people["talker"], traits["charm"]) == 32
