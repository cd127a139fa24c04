"""Staff grant or revoke an achievement with a reason: the contrib's progress changes and a ledger
row records who, when and why; the player reads it in their history. Whatever sequence of play,
grants and revocations happens, every completed achievement is explained by its ledger."""

import contextlib

import pytest
from evennia.contrib.game_systems.achievements.achievements import get_achievement_progress
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from world.progression.exceptions import (
    AchievementStateError,
    ProgressionError,
    UnknownAchievementError,
)
from world.progression.models import AchievementTransaction
from world.progression.rules.achievements import PLAY_EVENTS
from world.progression.rules.history import describe
from world.progression.selectors.achievements import achievement_mismatches
from world.progression.selectors.history import account_history, history_row
from world.progression.services import grant_achievement, revoke_achievement
from world.progression.services.achievements import count_play

pytestmark = pytest.mark.django_db


def test_a_grant_completes_the_achievement_and_records_who_and_why(character, staff_account):
    row = grant_achievement(
        character=character, key="Slew_The_Dragon", staff=staff_account, reason="  the pass  "
    )

    assert get_achievement_progress(character, "slew_the_dragon") == {"completed": True}
    assert (row.achievement_key, row.reason, row.amount, row.description, row.gm) == (
        "slew_the_dragon",
        "granted",
        1,
        "the pass",
        staff_account,
    )


def test_a_revocation_takes_it_back_and_play_starts_over(character, staff_account):
    count_play([character.pk], PLAY_EVENTS[0])  # one scene: first scene earned, regular 1/10

    revoke_achievement(character=character, key="first_scene", staff=staff_account, reason="alt")

    assert get_achievement_progress(character, "first_scene") == {}
    assert get_achievement_progress(character, "ten_scenes") == {"progress": 1}
    assert list(AchievementTransaction.objects.order_by("id").values_list("reason", "amount")) == [
        ("earned", 1),
        ("revoked", -1),
    ]
    count_play([character.pk], PLAY_EVENTS[0])
    assert get_achievement_progress(character, "first_scene") == {"progress": 1, "completed": True}


@pytest.mark.parametrize(
    ("change", "key", "reason", "error"),
    [
        (grant_achievement, "first_vote", "", ProgressionError),
        (grant_achievement, "no_such_thing", "why", UnknownAchievementError),
        (revoke_achievement, "first_vote", "why", AchievementStateError),
    ],
)
def test_a_change_that_cannot_be_made_changes_nothing(
    character, staff_account, change, key, reason, error
):
    with pytest.raises(error):
        change(character=character, key=key, staff=staff_account, reason=reason)

    assert not AchievementTransaction.objects.exists()
    assert get_achievement_progress(character, "first_vote") == {}


def test_an_achievement_held_cannot_be_granted_again(character, staff_account):
    grant_achievement(character=character, key="first_vote", staff=staff_account, reason="a")

    with pytest.raises(AchievementStateError, match="already has Noticed"):
        grant_achievement(character=character, key="first_vote", staff=staff_account, reason="b")
    assert AchievementTransaction.objects.count() == 1


def test_the_history_tells_each_change_in_one_sentence(account, character, staff_account):
    count_play([character.pk], PLAY_EVENTS[1])
    grant_achievement(character=character, key="read_the_codex", staff=staff_account, reason="lore")
    revoke_achievement(character=character, key="first_vote", staff=staff_account, reason="alt")

    told = [describe(history_row(values)) for values in account_history(account)]

    name = character.key
    assert told == [
        f"{name}'s achievement Noticed was revoked: alt",
        f"{name} was granted the achievement Read the Codex of Tides: lore",
        f"{name} earned the achievement Noticed",
    ]


CHANGES = st.lists(
    st.tuples(
        st.sampled_from(["play", "grant", "revoke"]),
        st.integers(min_value=0, max_value=len(PLAY_EVENTS) - 1),
        st.sampled_from(["first_scene", "ten_scenes", "first_vote", "slew_the_dragon"]),
    ),
    max_size=12,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(changes=CHANGES)
def test_every_completed_achievement_is_explained_by_its_ledger(character, staff_account, changes):
    AchievementTransaction.objects.all().delete()
    character.attributes.clear(category="achievements")
    for action, event, key in changes:
        if action == "play":
            count_play([character.pk], PLAY_EVENTS[event])
            continue
        change = grant_achievement if action == "grant" else revoke_achievement
        with contextlib.suppress(AchievementStateError):
            change(character=character, key=key, staff=staff_account, reason="r")

    assert achievement_mismatches() == []
