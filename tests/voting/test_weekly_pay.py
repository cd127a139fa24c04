"""The weekly run: votes received and finished scenes become account XP, one row per account
per week, paid once however often it runs."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from scene_harness import played_character
from twisted.internet.task import Clock

from typeclasses.factories import AccountFactory
from world.progression.models import ExperiencePointsData, XPTransaction
from world.progression.services import award_xp
from world.scenes.factories import SceneFactory, SceneParticipationFactory, play_to_qualify
from world.scenes.models import Scene
from world.voting.rules import previous_week, week_bounds
from world.voting.scene_credit import count_finished_scene
from world.voting.scripts import WeeklyVotesScript
from world.voting.services import cast_vote, pay_week

WEEK = "2026-W47"
IN_WEEK = datetime(2026, 11, 18, 20, tzinfo=UTC)


@pytest.fixture(autouse=True)
def scale(settings):
    settings.VOTING_XP_BY_VOTE = (3, 2, 1)
    settings.VOTING_XP_PER_SCENE = 2
    settings.VOTING_SCENE_XP_CAP = 3
    settings.VOTING_NEW_PARTNER_XP = 0  # the new-partner bonus: test_new_partner_bonus.py
    settings.VOTING_HOARD_CAP = None


@pytest.fixture
def players(room):
    """Four accounts with a character each: Ann, Ben, Cat, Dan."""
    return {
        name: played_character(AccountFactory(key=name.lower()), room, name)
        for name in ("Ann", "Ben", "Cat", "Dan")
    }


def vote(voter, character, when=IN_WEEK):
    cast_vote(voter=voter.account, character=character, now=when)


def finished_scene(*characters, when=IN_WEEK, gm=None):
    """A scene `characters` played (three poses each, over an hour), finished at `when`, and
    counted as voting counts a finished scene; `gm` ran it without posing."""
    scene = SceneFactory()
    for character in characters:
        SceneParticipationFactory(scene=scene, character=character, account=character.account)
    if gm is not None:
        SceneParticipationFactory(scene=scene, character=gm, account=gm.account, is_gm=True)
    play_to_qualify(scene, *characters)
    Scene.objects.filter(pk=scene.pk).update(date_finished=when, is_active=False)
    scene.refresh_from_db()
    count_finished_scene(sender=Scene, scene=scene)
    return scene


def paid(account):
    return list(XPTransaction.objects.filter(account=account).values_list("amount", flat=True))


def test_votes_pay_on_a_diminishing_scale_plus_the_scene_bonus(players):
    ann, ben, cat, dan = players.values()
    for voter in (ben, cat, dan):
        vote(voter, ann)  # three votes: 3 + 2 + 1
    vote(ann, ben)  # one vote: 3
    finished_scene(ann, ben)
    finished_scene(ann, ben)  # two scenes each: 4 XP, capped at 3
    finished_scene(cat, dan, when=IN_WEEK + timedelta(days=7))  # next week: not this one

    result = pay_week(week=WEEK)

    assert paid(ann.account) == [6 + 3]
    assert paid(ben.account) == [3 + 3]
    assert paid(cat.account) == paid(dan.account) == []
    assert result.message == f"{WEEK}: paid 2 accounts 15 XP; 0 already paid; 0 over the hoard cap."
    assert XPTransaction.objects.get(account=ann.account).idempotency_key == (
        f"weekly:{WEEK}:{ann.account.pk}"
    )


def test_a_scene_played_alone_counts_for_no_scene_bonus(players):
    ann, _ben, _cat, _dan = players.values()
    for _ in range(3):
        finished_scene(ann)

    assert pay_week(week=WEEK).paid == []


def test_a_scene_with_ones_own_alt_counts_for_no_scene_bonus(players, room):
    ann = players["Ann"]
    alt = played_character(AccountFactory(key="annalt", email="Ann@Example.com"), room, "Alt")
    ann.account.email = "ann@example.com"
    ann.account.save()
    finished_scene(ann, alt)

    assert pay_week(week=WEEK).paid == []


def test_a_gm_who_never_posed_is_not_paid_the_scene_bonus(players):
    ann, ben, cat, _dan = players.values()
    finished_scene(ann, ben, gm=cat)

    pay_week(week=WEEK)

    assert paid(ann.account) == paid(ben.account) == [2]
    assert paid(cat.account) == []


def test_running_the_week_twice_pays_each_account_once(players):
    ann, ben, cat, _dan = players.values()
    vote(ben, ann)
    vote(cat, ann)
    vote(ann, ben)
    pay_week(week=WEEK)

    again = pay_week(week=WEEK)

    assert again.paid == []
    assert again.already_paid == sorted([ann.account.pk, ben.account.pk])
    assert paid(ann.account) == [5] and paid(ben.account) == [3]
    assert ExperiencePointsData.objects.get(account=ann.account).total_earned == 5


def test_a_run_interrupted_half_way_pays_the_rest_once(players):
    ann, ben, _cat, _dan = players.values()
    vote(ben, ann)
    vote(ann, ben)
    # As if the first run crashed after paying Ann alone.
    award_xp(
        ann.account, 3, description="first run", idempotency_key=f"weekly:{WEEK}:{ann.account.pk}"
    )

    result = pay_week(week=WEEK)

    assert [tx.account_id for tx in result.paid] == [ben.account.pk]
    assert paid(ann.account) == [3] and paid(ben.account) == [3]


def test_the_hoard_cap_skips_accounts_holding_too_much(players, settings):
    ann, ben, _cat, _dan = players.values()
    settings.VOTING_HOARD_CAP = 50
    award_xp(ann.account, 51, description="hoard")
    vote(ann, ben)
    vote(ben, ann)

    result = pay_week(week=WEEK)

    assert result.over_hoard_cap == [ann.account.pk]
    assert paid(ann.account) == [51] and paid(ben.account) == [3]


@pytest.mark.parametrize(
    ("week", "message"),
    [
        ("2026-48", "'2026-48' is not a week: write it as YYYY-Www, e.g. 2026-W47."),
        ("2025-W53", "'2025-W53' is not a week: write it as YYYY-Www, e.g. 2026-W47."),
        ("9998-W01", "Week 9998-W01 has not ended yet; pay it once it has."),
    ],
)
def test_the_management_command_refuses_a_bad_week(db, week, message):
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        call_command("progression_week", "--week", week)
    assert not XPTransaction.objects.exists()


def test_the_management_command_pays_a_week_once(players, capsys):
    ann, ben, _cat, _dan = players.values()
    vote(ben, ann)

    call_command("progression_week", "--week", WEEK)
    call_command("progression_week", "--week", WEEK)

    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f"{WEEK}: paid 1 account 3 XP; 0 already paid; 0 over the hoard cap.",
        f"{WEEK}: paid 0 accounts 0 XP; 1 already paid; 0 over the hoard cap.",
    ]


def test_the_weekly_script_pays_the_week_that_just_ended(players):
    ann, ben, _cat, _dan = players.values()
    last_week = previous_week(timezone.now())
    vote(ben, ann, when=week_bounds(last_week)[0] + timedelta(hours=1))

    script = WeeklyVotesScript()
    script.clock = Clock()  # a timer the run may set for this week's end is never turned
    script.at_repeat()
    script.at_repeat()

    assert paid(ann.account) == [3]
    assert XPTransaction.objects.get().description == (
        f"Week {last_week}: 1 vote received, 3 XP; 0 scenes counted, 0 XP"
    )
