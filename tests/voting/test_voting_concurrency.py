"""Real threads on PostgreSQL: the vote limit and the weekly payment hold under concurrency."""

from datetime import UTC, datetime

import pytest
from scene_harness import played_character, run_together

from typeclasses.factories import AccountFactory
from world.progression.models import XPTransaction
from world.scenes.exceptions import SceneAlreadyOpenError
from world.scenes.models import Scene
from world.scenes.services import start_scene
from world.voting.models import Vote
from world.voting.services import cast_vote, pay_week

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_concurrent_votes_stop_at_the_weekly_limit(room, settings):
    settings.VOTING_VOTES_PER_WEEK = 2
    voter = AccountFactory()
    characters = iter([played_character(AccountFactory(), room, f"Target{n}") for n in range(6)])

    _results, errors = run_together(lambda: cast_vote(voter=voter, character=next(characters)))

    assert Vote.objects.filter(voter=voter).count() == 2
    assert len(errors) == 4 and all("all 2 of your votes" in str(error) for error in errors)


def test_concurrent_weekly_runs_pay_each_account_once(room):
    ann = played_character(AccountFactory(), room, "Ann")
    ben = played_character(AccountFactory(), room, "Ben")
    when = datetime(2026, 11, 18, 20, tzinfo=UTC)
    cast_vote(voter=ann.account, character=ben, now=when)
    cast_vote(voter=ben.account, character=ann, now=when)

    _results, errors = run_together(lambda: pay_week(week="2026-W47"))

    assert errors == []
    assert sorted(XPTransaction.objects.values_list("account_id", "amount")) == sorted(
        [(ann.account.pk, 3), (ben.account.pk, 3)]
    )


def test_concurrent_scene_starts_open_one_scene(room):
    players = iter([played_character(AccountFactory(), room, f"P{n}") for n in range(6)])

    _results, errors = run_together(lambda: start_scene(room=room, character=next(players)))

    assert Scene.objects.filter(location_id=room.pk).count() == 1
    assert len(errors) == 5 and all(isinstance(e, SceneAlreadyOpenError) for e in errors)
