"""calculate_automatic_scene_awards: points from what each participant did in the scene."""

import pytest

from typeclasses.factories import CharacterFactory
from world.progression.exceptions import InvalidSceneAwardError
from world.progression.services import calculate_automatic_scene_awards
from world.scenes.factories import (
    SceneFactory,
    SceneMessageFactory,
    SceneParticipationFactory,
    SceneTraitUseFactory,
)
from world.scenes.models import SceneParticipation
from world.traits.factories import CharacterTraitValueFactory, TraitFactory


@pytest.fixture(autouse=True)
def scene_economy(settings):
    settings.PROGRESSION_SCENE_POINTS_PER_USE = 2
    settings.PROGRESSION_SCENE_CAP_PER_TRAIT = 6
    settings.PROGRESSION_SCENE_PARTICIPATION_POINTS = 1


@pytest.mark.parametrize(("uses", "points"), [(1, 2), (2, 4), (3, 6), (4, 6), (40, 6)])
def test_each_use_earns_points_up_to_the_per_trait_cap(
    scene, make_participant, swords, uses, points
):
    character = make_participant(uses={swords: uses})
    assert calculate_automatic_scene_awards(scene, [character]) == {character.pk: {swords: points}}


def test_point_values_come_from_settings(settings, scene, make_participant, swords):
    settings.PROGRESSION_SCENE_POINTS_PER_USE = 3
    settings.PROGRESSION_SCENE_CAP_PER_TRAIT = 10
    character = make_participant(uses={swords: 5})
    assert calculate_automatic_scene_awards(scene, [character]) == {character.pk: {swords: 10}}


def test_every_used_trait_is_capped_on_its_own(scene, make_participant, swords, charm):
    character = make_participant(uses={swords: 9, charm: 1}, poses=3)
    assert calculate_automatic_scene_awards(scene, [character]) == {
        character.pk: {swords: 6, charm: 2}
    }


def test_trait_uses_in_other_scenes_do_not_count(scene, make_participant, swords):
    character = make_participant(uses={swords: 1})
    SceneTraitUseFactory(scene=SceneFactory(), character=character, trait=swords, uses=5)
    assert calculate_automatic_scene_awards(scene, [character]) == {character.pk: {swords: 2}}


def test_poser_without_trait_use_earns_participation_point_in_highest_public_trait(
    scene, make_participant, swords, charm
):
    secret = TraitFactory(name="Secret Lore", is_public=False)
    character = make_participant(poses=2, values={swords: 30, charm: 45, secret: 90})
    assert calculate_automatic_scene_awards(scene, [character]) == {character.pk: {charm: 1}}


def test_participation_point_ties_go_to_the_trait_first_by_name(
    scene, make_participant, swords, charm
):
    character = make_participant(poses=1, values={swords: 40, charm: 40})
    assert calculate_automatic_scene_awards(scene, [character]) == {character.pk: {charm: 1}}


def test_participation_point_skips_a_trait_already_at_100(scene, make_participant, swords, charm):
    character = make_participant(poses=1, values={swords: 100, charm: 12})
    assert calculate_automatic_scene_awards(scene, [character]) == {character.pk: {charm: 1}}


def test_poser_without_trait_values_gets_first_public_trait_by_name(
    scene, make_participant, swords, charm
):
    TraitFactory(name="Acrobatics Hidden", is_public=False)
    character = make_participant(poses=1)
    assert calculate_automatic_scene_awards(scene, [character]) == {character.pk: {charm: 1}}


def test_fallback_skips_public_traits_the_poser_has_maxed(scene, make_participant, swords, charm):
    character = make_participant(poses=1, values={charm: 100})
    assert calculate_automatic_scene_awards(scene, [character]) == {character.pk: {swords: 1}}


def test_poser_who_used_a_trait_gets_no_participation_point(scene, make_participant, swords, charm):
    character = make_participant(uses={swords: 1}, poses=4, values={charm: 50})
    assert calculate_automatic_scene_awards(scene, [character]) == {character.pk: {swords: 2}}


def test_participant_who_neither_posed_nor_used_a_trait_gets_nothing(
    scene, make_participant, charm
):
    idle = make_participant(values={charm: 20})
    assert calculate_automatic_scene_awards(scene, [idle]) == {}


def test_characters_not_in_participants_get_nothing(scene, make_participant, swords):
    listed = make_participant(uses={swords: 1})
    left_out = make_participant(uses={swords: 3}, poses=2)
    outsider = CharacterFactory()
    SceneTraitUseFactory(scene=scene, character=outsider, trait=swords, uses=2)
    SceneMessageFactory(scene=scene, character=outsider)
    awards = calculate_automatic_scene_awards(scene, [listed])
    assert awards == {listed.pk: {swords: 2}}
    assert left_out.pk not in awards and outsider.pk not in awards


def test_participations_and_characters_are_both_accepted(scene, make_participant, swords, charm):
    by_row = make_participant(uses={swords: 2})
    by_character = make_participant(uses={charm: 1})
    row = SceneParticipation.objects.get(scene=scene, character=by_row)
    assert calculate_automatic_scene_awards(scene, [row, by_character]) == {
        by_row.pk: {swords: 4},
        by_character.pk: {charm: 2},
    }


def test_participation_in_another_scene_is_refused(scene, make_participant):
    other_row = SceneParticipationFactory(scene=SceneFactory())
    with pytest.raises(InvalidSceneAwardError):
        calculate_automatic_scene_awards(scene, [other_row])


def test_no_participants_means_no_awards_and_no_queries(scene, swords, django_assert_num_queries):
    SceneTraitUseFactory(scene=scene, trait=swords, uses=2)
    with django_assert_num_queries(0):
        assert calculate_automatic_scene_awards(scene, []) == {}


def test_values_of_the_poser_decide_not_other_characters(scene, make_participant, swords, charm):
    CharacterTraitValueFactory(trait=swords, value=99)
    character = make_participant(poses=1, values={charm: 5})
    assert calculate_automatic_scene_awards(scene, [character]) == {character.pk: {charm: 1}}
