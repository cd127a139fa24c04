"""award_scene_development_points: the development engine's rules, all or nothing, once."""

import pytest

from typeclasses.factories import CharacterFactory
from world.mechanics.factories import (
    CharacterDistinctionFactory,
    DistinctionEffectFactory,
    DistinctionFactory,
    ModifierTypeFactory,
)
from world.progression.exceptions import InvalidSceneAwardError
from world.progression.factories import TraitRatingUnlockFactory
from world.progression.models import CharacterUnlock, DevelopmentPoints, DevelopmentTransaction
from world.progression.services import award_scene_development_points
from world.progression.types import DevelopmentSource, ProgressionReason
from world.scenes.models import SceneParticipation
from world.traits.factories import TraitFactory
from world.traits.models import CharacterTraitValue, Trait


def trait_value(character, trait) -> int:
    return CharacterTraitValue.objects.get(character=character, trait=trait).value


@pytest.fixture
def spoiled(db):
    """The Spoiled distinction: physical skills develop 20% slower."""
    distinction = DistinctionFactory(name="Spoiled", slug="spoiled")
    DistinctionEffectFactory(
        distinction=distinction,
        modifier_type=ModifierTypeFactory(name="physical_skill_development_rate"),
        value=-20,
    )
    return distinction


@pytest.mark.parametrize(
    ("category", "source"),
    [
        ("combat", DevelopmentSource.COMBAT),
        ("social", DevelopmentSource.SOCIAL),
        ("general", DevelopmentSource.SOCIAL),
        ("crafting", DevelopmentSource.CRAFTING),
        ("mental", DevelopmentSource.SCENE),
        ("magic", DevelopmentSource.SCENE),
    ],
)
def test_source_follows_the_trait_category(scene, make_participant, category, source):
    trait = TraitFactory(name=f"A {category} trait", category=category)
    character = make_participant()
    [transaction] = award_scene_development_points(scene, [character], {character.pk: {trait: 4}})
    assert transaction.source == source


def test_transactions_record_reason_scene_description_and_key(scene, make_participant, swords):
    character = make_participant()
    [transaction] = award_scene_development_points(scene, [character], {character.pk: {swords: 4}})
    transaction.refresh_from_db()
    assert (transaction.reason, transaction.scene_id, transaction.amount) == (
        ProgressionReason.SCENE_AWARD,
        scene.pk,
        4,
    )
    assert transaction.description == f"Scene #{scene.pk}: Duel at Dawn"
    assert transaction.idempotency_key == f"scene:{scene.pk}:{character.pk}:{swords.pk}"


def test_points_raise_the_trait_and_are_recorded_per_trait(scene, make_participant, swords, charm):
    character = make_participant(values={swords: 30})
    transactions = award_scene_development_points(
        scene, [character], {character.pk: {swords: 4, charm: 2}}
    )
    assert len(transactions) == 2
    assert (trait_value(character, swords), trait_value(character, charm)) == (34, 2)
    assert DevelopmentPoints.objects.get(character=character, trait=swords).total_earned == 4


def test_spoiled_turns_ten_physical_points_into_eight(scene, make_participant, spoiled):
    athletics = TraitFactory(name="Athletics", category="physical")
    character = make_participant(values={athletics: 30})
    CharacterDistinctionFactory(character=character, distinction=spoiled)
    [transaction] = award_scene_development_points(
        scene, [character], {character.pk: {athletics: 10}}
    )
    assert transaction.amount == 8
    assert trait_value(character, athletics) == 38


def test_spoiled_never_lowers_an_award_below_one_point(scene, make_participant, spoiled):
    athletics = TraitFactory(name="Athletics", category="physical")
    character = make_participant()
    CharacterDistinctionFactory(character=character, distinction=spoiled)
    [transaction] = award_scene_development_points(
        scene, [character], {character.pk: {athletics: 1}}
    )
    assert transaction.amount == 1


def test_spoiled_leaves_social_traits_alone(scene, make_participant, spoiled, charm):
    character = make_participant()
    CharacterDistinctionFactory(character=character, distinction=spoiled)
    [transaction] = award_scene_development_points(scene, [character], {character.pk: {charm: 10}})
    assert transaction.amount == 10


def test_points_past_a_locked_threshold_are_banked(scene, make_participant, swords):
    TraitRatingUnlockFactory(trait=swords, target_rating=20)
    character = make_participant(values={swords: 18})
    [transaction] = award_scene_development_points(scene, [character], {character.pk: {swords: 6}})
    assert transaction.amount == 6
    assert trait_value(character, swords) == 19
    row = DevelopmentPoints.objects.get(character=character, trait=swords)
    assert (row.total_earned, row.banked_points) == (6, 5)


def test_an_unlocked_threshold_does_not_hold_scene_points_back(scene, make_participant, swords):
    TraitRatingUnlockFactory(trait=swords, target_rating=20)
    character = make_participant(values={swords: 18})
    CharacterUnlock.objects.create(character=character, trait=swords, target_rating=20)
    award_scene_development_points(scene, [character], {character.pk: {swords: 6}})
    assert trait_value(character, swords) == 24
    assert DevelopmentPoints.objects.get(character=character, trait=swords).banked_points == 0


def test_awarding_a_scene_again_adds_nothing_and_returns_the_first_transactions(
    scene, make_participant, swords
):
    character = make_participant(values={swords: 30})
    awards = {character.pk: {swords: 4}}
    first = award_scene_development_points(scene, [character], awards)
    again = award_scene_development_points(scene, [character], awards)
    assert [tx.pk for tx in again] == [tx.pk for tx in first]
    assert DevelopmentTransaction.objects.filter(scene=scene).count() == 1
    assert trait_value(character, swords) == 34


def test_participation_rows_are_accepted_as_participants(scene, make_participant, swords):
    character = make_participant()
    rows = list(SceneParticipation.objects.filter(scene=scene))
    [transaction] = award_scene_development_points(scene, rows, {character.pk: {swords: 2}})
    assert transaction.character_id == character.pk


def test_empty_awards_award_nothing(scene, make_participant):
    assert award_scene_development_points(scene, [make_participant()], {}) == []


@pytest.mark.parametrize(
    "bad_entry",
    [
        pytest.param(lambda swords: {swords: 0}, id="zero"),
        pytest.param(lambda swords: {swords: -3}, id="negative"),
        pytest.param(lambda swords: {swords: 2.5}, id="fraction"),
        pytest.param(lambda swords: {swords: "4"}, id="text"),
        pytest.param(lambda swords: {swords: True}, id="boolean"),
        pytest.param(lambda swords: {Trait(pk=987655, name="Ghost"): 2}, id="trait-not-in-db"),
        pytest.param(lambda swords: {987654: 2}, id="unknown-trait-pk"),
        pytest.param(lambda swords: {"Swordsmanship": 2}, id="trait-name"),
        pytest.param(lambda swords: [(swords, 2)], id="not-a-mapping"),
    ],
)
def test_one_bad_entry_refuses_the_whole_batch(scene, make_participant, swords, charm, bad_entry):
    good, bad = make_participant(values={charm: 10}), make_participant()
    awards = {good.pk: {charm: 4}, bad.pk: bad_entry(swords)}
    with pytest.raises(InvalidSceneAwardError):
        award_scene_development_points(scene, [good, bad], awards)
    assert not DevelopmentTransaction.objects.exists()
    assert not DevelopmentPoints.objects.exists()
    assert trait_value(good, charm) == 10


def test_a_character_not_participating_refuses_the_whole_batch(scene, make_participant, charm):
    good = make_participant()
    outsider = CharacterFactory()
    with pytest.raises(InvalidSceneAwardError, match="did not take part"):
        award_scene_development_points(
            scene, [good], {good.pk: {charm: 2}, outsider.pk: {charm: 2}}
        )
    assert not DevelopmentTransaction.objects.exists()


def test_the_same_trait_twice_for_one_character_is_refused(scene, make_participant, charm):
    character = make_participant()
    with pytest.raises(InvalidSceneAwardError, match="twice"):
        award_scene_development_points(scene, [character], {character.pk: {charm: 2, charm.pk: 3}})
    assert not DevelopmentTransaction.objects.exists()


def test_an_unsaved_scene_is_refused(make_participant, charm):
    from world.scenes.factories import SceneFactory

    character = make_participant()
    with pytest.raises(InvalidSceneAwardError):
        award_scene_development_points(
            SceneFactory.build(), [character], {character.pk: {charm: 2}}
        )


def test_the_error_is_a_progression_error_with_a_code(scene, make_participant, charm):
    from world.progression.exceptions import ProgressionError

    character = make_participant()
    with pytest.raises(ProgressionError) as caught:
        award_scene_development_points(scene, [character], {character.pk: {charm: 0}})
    assert caught.value.code == "invalid_scene_award"
    assert "positive whole number" in caught.value.message
