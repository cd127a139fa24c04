"""Achievements earned in play: the game reports what happens (a scene that counted, a vote
received, an unlock bought, a lesson taught, a path chosen) to Evennia's achievements contrib
once the action commits, writes a ledger row for each achievement completed, and a class level
that requires one opens as soon as it is earned."""

import pytest
from django.db import transaction
from evennia.contrib.game_systems.achievements.achievements import get_achievement_progress
from evennia.objects.models import ObjectDB

from typeclasses.factories import AccountFactory, CharacterFactory
from world.classes.factories import CharacterClassFactory, PathFactory
from world.classes.models import PathStage
from world.progression.exceptions import RequirementsNotMetError
from world.progression.factories import (
    AchievementRequirementFactory,
    ClassLevelUnlockFactory,
    TraitRatingUnlockFactory,
    price_unlock,
)
from world.progression.models import AchievementTransaction
from world.progression.models.achievements import progress_of
from world.progression.rules.achievements import SCENE_QUALIFIED
from world.progression.selectors import owner_of
from world.progression.selectors.shop import unlock_shop
from world.progression.services import award_xp, purchase_unlock, select_path
from world.progression.services.achievements import count_play
from world.progression.services.training import teach
from world.scenes.factories import SceneFactory, SceneParticipationFactory, play_to_qualify
from world.scenes.services import finish_scene
from world.traits.factories import CharacterTraitValueFactory, TraitFactory
from world.voting.services import cast_vote

pytestmark = pytest.mark.django_db


def completed(character, key: str) -> bool:
    return bool(get_achievement_progress(character, key).get("completed"))


def earned_rows(character) -> list[tuple[str, str]]:
    return list(
        AchievementTransaction.objects.filter(character=character)
        .order_by("id")
        .values_list("achievement_key", "reason")
    )


def qualifying_scene(gm, player, *, poses=3):
    """A scene `gm` runs and `player` plays, each for an account of their own, which the farming
    guard lets through (with `poses` below its minimum, it does not)."""
    scene = SceneFactory()
    SceneParticipationFactory(scene=scene, character=gm, account=owner_of(gm), is_gm=True)
    SceneParticipationFactory(scene=scene, character=player, account=owner_of(player))
    play_to_qualify(scene, gm, player, poses=poses)
    return scene


@pytest.fixture
def gm(db):
    return CharacterFactory(account=AccountFactory(), key="Corin")


@pytest.fixture
def player(account):
    return CharacterFactory(account=account, key="Ayla")


def test_a_scene_that_counted_earns_its_player_the_first_scene_achievement(
    gm, player, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        finish_scene(qualifying_scene(gm, player))

    assert completed(player, "first_scene")
    assert earned_rows(player) == [("first_scene", "earned")]
    # Ten scenes are counted toward, one so far; the GM earns nothing, as for development.
    assert get_achievement_progress(player, "ten_scenes") == {"progress": 1}
    assert earned_rows(gm) == [] and not completed(gm, "first_scene")


def test_only_a_scene_that_counted_counts(gm, player, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        finish_scene(qualifying_scene(gm, player, poses=1))
    assert progress_of([player.pk]) == {} and not AchievementTransaction.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        finish_scene(qualifying_scene(gm, player))

    assert get_achievement_progress(player, "ten_scenes") == {"progress": 1}


def test_ten_scenes_that_counted_earn_the_regular_achievement_once(
    gm, player, django_capture_on_commit_callbacks
):
    for _ in range(11):
        with django_capture_on_commit_callbacks(execute=True):
            finish_scene(qualifying_scene(gm, player))

    assert earned_rows(player) == [("first_scene", "earned"), ("ten_scenes", "earned")]
    assert get_achievement_progress(player, "ten_scenes") == {"progress": 10, "completed": True}


def test_an_achievement_earned_in_play_opens_a_class_level(
    gm, player, django_capture_on_commit_callbacks
):
    wayfarer = ClassLevelUnlockFactory(
        character_class=CharacterClassFactory(name="Wayfarer"), target_level=1
    )
    price_unlock(wayfarer, 10)
    AchievementRequirementFactory(
        class_level_unlock=wayfarer, achievement_key="first_scene", description="First scene"
    )
    award_xp(owner_of(player), 10)
    assert [entry["name"] for entry in unlock_shop(player)["locked"]] == ["Wayfarer level 1"]
    with pytest.raises(RequirementsNotMetError, match="First scene"):
        purchase_unlock(player, wayfarer)

    with django_capture_on_commit_callbacks(execute=True):
        finish_scene(qualifying_scene(gm, player))

    assert [entry["name"] for entry in unlock_shop(player)["available"]] == ["Wayfarer level 1"]
    assert purchase_unlock(player, wayfarer).xp_spent == 10


def test_a_vote_received_counts_for_the_character_voted_for(
    player, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        cast_vote(voter=AccountFactory(), character=player)

    assert completed(player, "first_vote")
    assert get_achievement_progress(player, "five_votes") == {"progress": 1}


def test_the_first_unlock_bought_earns_first_step_and_later_ones_write_nothing(
    player, django_capture_on_commit_callbacks, django_assert_num_queries
):
    trait = TraitFactory(name="Strength")
    first, second = (TraitRatingUnlockFactory(trait=trait, target_rating=r) for r in (10, 20))
    price_unlock(first, 5)
    price_unlock(second, 5)
    award_xp(owner_of(player), 10)
    with django_capture_on_commit_callbacks(execute=True):
        purchase_unlock(player, first)
    assert earned_rows(player) == [("first_unlock", "earned")]

    with django_capture_on_commit_callbacks() as callbacks:
        purchase_unlock(player, second)
    # Nothing left to count a purchase toward: Evennia's cached progress says so, no query.
    with django_assert_num_queries(0):
        for callback in callbacks:
            callback()
    assert earned_rows(player) == [("first_unlock", "earned")]


def test_teaching_earns_the_teacher_the_mentor_achievement(
    player, gm, django_capture_on_commit_callbacks
):
    lore = TraitFactory(name="Lore")
    CharacterTraitValueFactory(character=player, trait=lore, value=30)
    CharacterTraitValueFactory(character=gm, trait=lore, value=10)

    with django_capture_on_commit_callbacks(execute=True):
        teach(teacher=player, student=gm, trait=lore)

    assert completed(player, "first_lesson") and not completed(gm, "first_lesson")


def test_choosing_a_path_earns_pathfinder(player, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        select_path(player, PathFactory(stage=PathStage.PROSPECT, minimum_level=0))

    assert completed(player, "first_path")


def test_an_action_that_rolls_back_counts_nothing(player, django_capture_on_commit_callbacks):
    path = PathFactory(stage=PathStage.PROSPECT, minimum_level=0)

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        select_path(player, path)
        raise RuntimeError("the rest of the action failed")
    assert not completed(player, "first_path")
    assert progress_of([player.pk]) == {} and not AchievementTransaction.objects.exists()

    # The same action, committed this time, counts once.
    with django_capture_on_commit_callbacks(execute=True):
        select_path(player, path)
    assert earned_rows(player) == [("first_path", "earned")]


def test_a_count_that_fails_leaves_no_progress_in_memory_or_in_the_database(player, monkeypatch):
    import world.progression.services.achievements as achievements

    def failing(*args, **kwargs):
        raise RuntimeError("the ledger is unavailable")

    monkeypatch.setattr(achievements, "post_achievements_earned", failing)
    with pytest.raises(RuntimeError):
        count_play([player.pk], SCENE_QUALIFIED)

    # The same object the game holds in memory, and a fresh read: neither kept the count.
    assert get_achievement_progress(player, "first_scene") == {}
    assert get_achievement_progress(ObjectDB.objects.get(pk=player.pk), "ten_scenes") == {}
    assert progress_of([player.pk]) == {}
