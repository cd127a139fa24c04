"""`vote <character>`: a few votes a week, one per character, never yourself or your alts."""

from datetime import UTC, datetime

import pytest
from scene_harness import played_character

from typeclasses.factories import AccountFactory
from world.voting.models import Vote
from world.voting.rules import week_of
from world.voting.services import cast_vote


def test_a_vote_is_counted_for_the_characters_account_this_week(play, voter, bruno):
    out = play(voter, "vote bruno")

    assert out == "You vote for Bruno's roleplay this week. 4 votes left."
    vote = Vote.objects.get()
    assert (vote.character_id, vote.recipient_id, vote.week) == (
        bruno.pk,
        bruno.account.pk,
        week_of(vote.created),
    )


def test_vote_alone_lists_this_weeks_votes(play, voter, bruno):
    play(voter, "vote Bruno")

    out = play(voter, "vote")

    assert out.startswith(f"This week ({week_of(Vote.objects.get().created)}) you voted for Bruno.")
    assert out.endswith("4 votes left.")


def test_one_vote_per_character_per_week(play, voter, bruno):
    play(voter, "vote Bruno")

    assert play(voter, "vote Bruno") == "You have already voted for Bruno this week."
    assert Vote.objects.count() == 1


def test_the_weekly_limit_holds(play, voter, room, settings):
    settings.VOTING_VOTES_PER_WEEK = 2
    for name in ("Cara", "Dane", "Eve"):
        played_character(AccountFactory(), room, name)
    play(voter, "vote Cara")
    play(voter, "vote Dane")

    assert play(voter, "vote Eve") == (
        "You have cast all 2 of your votes this week; they come back on Monday."
    )
    assert Vote.objects.count() == 2


def test_no_votes_for_yourself_or_your_alts(play, account, voter, room):
    played_character(account, room, "Alicia")
    played_character(AccountFactory(email=account.email.upper()), room, "Altie")

    assert play(voter, "vote Alicia") == "You cannot vote for your own characters."
    assert play(voter, "vote altie") == (
        "You cannot vote for the characters of your own alt accounts."
    )
    assert not Vote.objects.exists()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("vote Nobody", "There is no character 'Nobody'."),
        ("vote |rBruno|n", "There is no character 'Bruno'."),
        ("vote " + "x" * 300, "There is no character 'xxxxxxxxxxxxxxxxxxxx...'."),
        ("vote -1", "There is no character '-1'."),
        ("vote/all Bruno", "Usage: vote <character>  (or 'vote' to see this week's votes)"),
        ("vote Square", "There is no character 'Square'."),
    ],
)
def test_bad_vote_input_gets_one_line_and_changes_nothing(play, voter, bruno, typed, message):
    assert play(voter, typed) == message
    assert not Vote.objects.exists()


def test_votes_fall_in_the_iso_week_they_are_cast(account, bruno):
    vote = cast_vote(voter=account, character=bruno, now=datetime(2026, 11, 22, 23, tzinfo=UTC))

    assert vote.week == "2026-W47"
