"""The weekly run pays every week ended since the last run, tells each paid player their week
(votes received, scenes counted, XP) on the ledger row every notice reads, and warns the players
online before it runs."""

from datetime import UTC, datetime, timedelta

import evennia
import pytest
from django.core.management import call_command
from scene_harness import logged_in, played_character
from twisted.internet.task import Clock

from typeclasses.factories import AccountFactory
from world.progression.models import XPTransaction
from world.scenes.factories import SceneFactory, SceneParticipationFactory
from world.scenes.models import Scene
from world.voting.models import SceneCredit
from world.voting.rules import week_bounds, week_of
from world.voting.scripts import WeeklyVotesScript
from world.voting.services import cast_vote, pay_due_weeks

IN_W45 = datetime(2026, 11, 4, 20, tzinfo=UTC)
IN_W46 = datetime(2026, 11, 11, 20, tzinfo=UTC)
IN_W47 = datetime(2026, 11, 18, 20, tzinfo=UTC)
IN_W49 = datetime(2026, 12, 2, 20, tzinfo=UTC)


@pytest.fixture(autouse=True)
def scale(settings):
    settings.VOTING_XP_BY_VOTE = (3, 2, 1)
    settings.VOTING_XP_PER_SCENE = 2
    settings.VOTING_SCENE_XP_CAP = 3
    settings.VOTING_HOARD_CAP = None
    settings.VOTING_WEEKLY_WARNING = 600


@pytest.fixture
def ann(room):
    return played_character(AccountFactory(key="ann"), room, "Ann")


@pytest.fixture
def ben(room):
    return played_character(AccountFactory(key="ben"), room, "Ben")


def vote(voter, character, when):
    cast_vote(voter=voter.account, character=character, now=when)


def finished_scene(*characters, when):
    """A scene `characters` played to qualify, finished at `when`: its players' scene credits
    are what voting's listener records for such a scene."""
    scene = SceneFactory()
    for character in characters:
        SceneParticipationFactory(scene=scene, character=character, account=character.account)
        SceneCredit.objects.create(scene=scene, account=character.account, week=week_of(when))
    Scene.objects.filter(pk=scene.pk).update(date_finished=when, is_active=False)


def paid(account):
    return list(
        XPTransaction.objects.filter(account=account)
        .order_by("pk")
        .values_list("description", "amount")
    )


def sent_to(session):
    return [
        call.kwargs["text"][0] if isinstance(call.kwargs["text"], tuple) else call.kwargs["text"]
        for call in evennia.SESSION_HANDLER.data_out.call_args_list
        if call.args[0] is session and "text" in call.kwargs
    ]


def test_a_run_pays_every_week_that_ended_since_the_first_vote(ann, ben):
    vote(ben, ann, IN_W45)
    vote(ben, ann, IN_W47)

    pay_due_weeks(now=IN_W49)
    pay_due_weeks(now=IN_W49)

    assert paid(ann.account) == [
        ("Week 2026-W45: 1 vote received, 3 XP; 0 scenes counted, 0 XP", 3),
        ("Week 2026-W47: 1 vote received, 3 XP; 0 scenes counted, 0 XP", 3),
    ]


def test_a_run_pays_the_weeks_missed_since_the_last_run_and_nothing_twice(ann, ben):
    vote(ben, ann, IN_W45)
    pay_due_weeks(now=IN_W46)
    vote(ben, ann, IN_W46)
    finished_scene(ann, when=IN_W47)

    pay_due_weeks(now=IN_W49)

    assert [amount for _, amount in paid(ann.account)] == [3, 3, 2]
    assert paid(ann.account)[-1][0] == (
        "Week 2026-W47: 0 votes received, 0 XP; 1 scene counted, 2 XP"
    )


def test_the_management_command_pays_every_week_since_the_last_run(ann, ben, capsys):
    vote(ben, ann, IN_W45)
    vote(ben, ann, IN_W47)

    call_command("progression_week")
    call_command("progression_week")

    out = capsys.readouterr().out
    assert "2026-W45: paid 1 account 3 XP" in out and "2026-W47: paid 1 account 3 XP" in out
    assert len(paid(ann.account)) == 2
    assert out.endswith("No week has ended since the last run.\n")


def test_a_paid_player_online_reads_their_week(ann, ben, django_capture_on_commit_callbacks):
    vote(ben, ann, IN_W47)
    finished_scene(ann, when=IN_W47)

    with logged_in(ann.account) as session:
        evennia.SESSION_HANDLER.data_out.reset_mock()  # what logging in said
        with django_capture_on_commit_callbacks(execute=True):
            pay_due_weeks(now=IN_W49)
        told = [" ".join(text.split("\n")) for text in sent_to(session)]

    assert told == [
        "|g+5 account XP: System award (Week 2026-W47: 1 vote received, 3 XP; 1 scene counted,"
        " 2 XP). Now: 5 account XP.|n"
    ]


def test_the_weekly_script_warns_the_players_online_then_pays_at_the_weeks_end(ann, ben):
    vote(ben, ann, IN_W47)
    week_end = week_bounds("2026-W47")[1]
    script = WeeklyVotesScript()
    script.clock = Clock()

    with logged_in(ben.account) as session:
        evennia.SESSION_HANDLER.data_out.reset_mock()  # what logging in said
        script.schedule_the_weeks_end(week_end - timedelta(minutes=30))
        script.clock.advance(19 * 60)
        before = sent_to(session)
        script.clock.advance(60)
        warned = sent_to(session)
        assert paid(ann.account) == []
        script.clock.advance(10 * 60)

    assert before == []
    assert warned == ["|yThe weekly run pays this week's votes and scenes in 10 minutes.|n"]
    assert [amount for _, amount in paid(ann.account)] == [3]


def test_the_weekly_script_sets_no_timer_when_the_week_ends_after_the_next_check(ann):
    script = WeeklyVotesScript()
    script.clock = Clock()

    script.schedule_the_weeks_end(IN_W47)

    assert script.clock.getDelayedCalls() == []
