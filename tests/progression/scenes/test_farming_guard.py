"""The farming guard: a scene pays development only when two different players each posed enough
over long enough, and what scenes pay a character is capped per trait and in all per ISO week."""

from datetime import timedelta

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from typeclasses.factories import AccountFactory, CharacterFactory
from world.progression.models import DevelopmentTransaction
from world.progression.rules.scene_caps import capped_scene_awards
from world.scenes.factories import (
    SceneFactory,
    SceneParticipationFactory,
    SceneTraitUseFactory,
    play_to_qualify,
)
from world.scenes.services import finish_scene
from world.traits.factories import TraitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def guard(settings):
    settings.PROGRESSION_SCENE_POINTS_PER_USE = 2
    settings.PROGRESSION_SCENE_CAP_PER_TRAIT = 6
    settings.PROGRESSION_SCENE_MIN_POSES = 3
    settings.PROGRESSION_SCENE_MIN_MINUTES = 15
    settings.PROGRESSION_SCENE_WEEKLY_CAP_PER_TRAIT = 12
    settings.PROGRESSION_SCENE_WEEKLY_CAP = 30


def scene_of(gm_account, player_account, *, traits, uses=3, minutes=60, poses=3):
    """A scene `gm_account`'s character runs and `player_account`'s character plays, checking
    each of `traits` `uses` times; both pose `poses` times over `minutes`."""
    scene = SceneFactory()
    gm, player = CharacterFactory(), CharacterFactory()
    SceneParticipationFactory(scene=scene, character=gm, account=gm_account, is_gm=True)
    SceneParticipationFactory(scene=scene, character=player, account=player_account)
    for trait in traits:
        SceneTraitUseFactory(scene=scene, character=player, trait=trait, uses=uses)
    play_to_qualify(scene, gm, player, poses=poses, minutes=minutes)
    return scene, player


def earned(character) -> int:
    return sum(
        DevelopmentTransaction.objects.filter(character=character).values_list("amount", flat=True)
    )


def test_a_scene_between_two_players_earns_as_before():
    trait = TraitFactory()
    scene, player = scene_of(AccountFactory(), AccountFactory(), traits=[trait])

    result = finish_scene(scene)

    assert [(tx.character_id, tx.amount) for tx in result.transactions] == [(player.pk, 6)]
    assert "It qualified: 2 players" in result.message


def test_a_scene_played_alone_earns_nothing_and_says_why():
    scene = SceneFactory()
    player = CharacterFactory()
    SceneParticipationFactory(scene=scene, character=player, account=AccountFactory())
    SceneTraitUseFactory(scene=scene, character=player, uses=3)
    play_to_qualify(scene, player)

    result = finish_scene(scene)

    assert result.transactions == [] and not DevelopmentTransaction.objects.exists()
    assert "It did not qualify, so it earns nothing: only one player took part" in result.message


def test_two_characters_of_one_account_are_one_player():
    account = AccountFactory()
    scene, player = scene_of(account, account, traits=[TraitFactory()])

    assert finish_scene(scene).transactions == []
    assert earned(player) == 0


def test_two_accounts_sharing_a_mailbox_are_one_player():
    main = AccountFactory(email="farmer@example.com")
    alt = AccountFactory(email="Farmer@Example.com")
    scene, _player = scene_of(alt, main, traits=[TraitFactory()])

    result = finish_scene(scene)

    assert result.transactions == []
    assert "only one player took part" in result.message


def test_a_player_who_posed_too_little_does_not_make_a_scene():
    scene, _player = scene_of(AccountFactory(), AccountFactory(), traits=[TraitFactory()], poses=2)

    result = finish_scene(scene)

    assert result.transactions == []
    assert "needs at least 2 players who each posed 3 times or more" in result.message


def test_a_scene_shorter_than_the_minimum_earns_nothing():
    scene, _player = scene_of(
        AccountFactory(), AccountFactory(), traits=[TraitFactory()], minutes=5
    )

    result = finish_scene(scene)

    assert result.transactions == []
    assert "it lasted 5 minutes from its start to its last pose, under the 15" in result.message


def test_the_minimum_poses_and_duration_are_settings(settings):
    settings.PROGRESSION_SCENE_MIN_POSES = 1
    settings.PROGRESSION_SCENE_MIN_MINUTES = 0
    scene, player = scene_of(
        AccountFactory(), AccountFactory(), traits=[TraitFactory()], poses=1, minutes=0
    )

    assert [tx.character_id for tx in finish_scene(scene).transactions] == [player.pk]


def test_a_trait_earns_at_most_its_weekly_cap_from_scenes():
    gm, main, trait = AccountFactory(), AccountFactory(), TraitFactory()
    # One character, three scenes of 6 points in one trait: 6, 6, then nothing.
    character = CharacterFactory()
    results = []
    for _ in range(3):
        scene = SceneFactory()
        gm_character = CharacterFactory()
        SceneParticipationFactory(scene=scene, character=gm_character, account=gm, is_gm=True)
        SceneParticipationFactory(scene=scene, character=character, account=main)
        SceneTraitUseFactory(scene=scene, character=character, trait=trait, uses=3)
        play_to_qualify(scene, gm_character, character)
        results.append(finish_scene(scene))

    assert earned(character) == 12
    assert "over a weekly cap on development from scenes (12 a trait, 30 in all)" in (
        results[-1].message
    )


def test_a_character_earns_at_most_the_weekly_cap_in_all():
    gm, main = AccountFactory(), AccountFactory()
    traits = [TraitFactory() for _ in range(8)]  # 8 traits x 6 points = 48 in one scene
    character = CharacterFactory()
    scene = SceneFactory()
    gm_character = CharacterFactory()
    SceneParticipationFactory(scene=scene, character=gm_character, account=gm, is_gm=True)
    SceneParticipationFactory(scene=scene, character=character, account=main)
    for trait in traits:
        SceneTraitUseFactory(scene=scene, character=character, trait=trait, uses=3)
    play_to_qualify(scene, gm_character, character)

    finish_scene(scene)

    assert earned(character) == 30


def test_last_weeks_scenes_do_not_count_against_this_weeks_cap():
    gm, main, trait = AccountFactory(), AccountFactory(), TraitFactory()
    character = CharacterFactory()
    for _ in range(2):
        scene = SceneFactory()
        gm_character = CharacterFactory()
        SceneParticipationFactory(scene=scene, character=gm_character, account=gm, is_gm=True)
        SceneParticipationFactory(scene=scene, character=character, account=main)
        SceneTraitUseFactory(scene=scene, character=character, trait=trait, uses=3)
        play_to_qualify(scene, gm_character, character)
        finish_scene(scene)
    DevelopmentTransaction.objects.update(transaction_date=timezone.now() - timedelta(days=7))
    scene = SceneFactory()
    gm_character = CharacterFactory()
    SceneParticipationFactory(scene=scene, character=gm_character, account=gm, is_gm=True)
    SceneParticipationFactory(scene=scene, character=character, account=main)
    SceneTraitUseFactory(scene=scene, character=character, trait=trait, uses=3)
    play_to_qualify(scene, gm_character, character)

    assert sum(tx.amount for tx in finish_scene(scene).transactions) == 6


def test_the_red_team_loop_earns_at_most_one_weeks_cap(settings):
    """Issue 23's red-team run: an alt nobody detected (an email of its own) opens a scene, the
    main checks five traits three times each, the alt ends it; 23 times over. Before the guard
    this paid 1,104 points. Even with both posing enough and the duration met, the week's cap
    holds; at real speed (seconds a scene) the minimum duration stops it outright."""
    alt, main = AccountFactory(email="alt@elsewhere.example"), AccountFactory()
    traits = [TraitFactory() for _ in range(5)]
    main_character, alt_character = CharacterFactory(), CharacterFactory()

    def loop(minutes):
        for _ in range(23):
            scene = SceneFactory()
            SceneParticipationFactory(scene=scene, character=alt_character, account=alt, is_gm=True)
            SceneParticipationFactory(scene=scene, character=main_character, account=main)
            for trait in traits:
                SceneTraitUseFactory(scene=scene, character=main_character, trait=trait, uses=3)
            play_to_qualify(scene, alt_character, main_character, minutes=minutes)
            finish_scene(scene)

    loop(minutes=0)  # 23 scenes in seconds: none lasts long enough
    assert earned(main_character) == 0

    loop(minutes=60)  # as if each had been played out over an hour
    assert earned(main_character) == 30


@given(
    requested=st.dictionaries(st.integers(1, 8), st.integers(0, 50), max_size=8),
    earned_before=st.dictionaries(st.integers(1, 8), st.integers(0, 50), max_size=8),
    per_trait_cap=st.integers(0, 40),
    total_cap=st.integers(0, 100),
)
def test_the_weekly_caps_never_let_a_week_pass_them(
    requested, earned_before, per_trait_cap, total_cap
):
    fits = capped_scene_awards(
        requested, earned_before, per_trait_cap=per_trait_cap, total_cap=total_cap
    )
    assert all(0 < fits[trait] <= requested[trait] for trait in fits)
    for trait, points in fits.items():
        assert earned_before.get(trait, 0) + points <= per_trait_cap
    room = max(0, total_cap - sum(earned_before.values()))
    assert sum(fits.values()) <= room
    # Nothing is withheld that would have fit: each trait left short is at a cap.
    for trait, wanted in requested.items():
        if fits.get(trait, 0) < wanted:
            at_trait_cap = earned_before.get(trait, 0) + fits.get(trait, 0) >= per_trait_cap
            assert at_trait_cap or sum(fits.values()) == room
