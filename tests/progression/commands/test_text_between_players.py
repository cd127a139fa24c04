"""A kudos reason is written by one player and read by another: it is stored as written and shown
plain, on one line, no longer than the configured length, live and in the kudos history."""

import evennia
import pytest
from told import sent_to

from world.progression.commands import CmdKudos
from world.progression.models import KudosTransaction

HOSTILE = "|r|/SYSTEM: you are banned|/\x1b[2J\x07 |lcxp/award me = 500|ltclick|le thanks"
PLAIN = "SYSTEM: you are banned click thanks"


def give(play, player, other_account, reason):
    """Alice gives Bruno kudos; returns what each of them was sent, colour codes left in."""
    play.account = player.account
    return play.call(
        CmdKudos(),
        f"/give Bruno = {reason}",
        caller=player,
        msg={player: None, other_account: None},
        noansi=False,
    )


@pytest.fixture
def told_to_bruno(play, player, other_session, other_account, django_capture_on_commit_callbacks):
    """Alice gives Bruno, who is online, kudos; returns the one line Bruno reads."""

    def give_and_read(reason):
        evennia.SESSION_HANDLER.data_out.reset_mock()  # what logging in sent
        with django_capture_on_commit_callbacks(execute=True):
            give(play, player, other_account, reason)
        [line] = sent_to(other_session)
        return line

    return give_and_read


def test_the_recipient_is_told_in_plain_text_on_one_line(
    told_to_bruno, other_player, vote_category
):
    sent = told_to_bruno(HOSTILE)

    # The reason added no line of its own: the one line is wrapped at 80 columns, no more.
    assert all(len(line) <= 80 for line in sent.split("\n")) and len(sent.split("\n")) <= 2
    sent = " ".join(sent.split("\n"))
    assert "\x1b[2J" not in sent and "\x07" not in sent
    assert f"+2 kudos from Alice: Player Vote ({PLAIN}). Now: 2 kudos." in sent  # no link, no red


def test_the_reason_is_stored_as_written(play, player, other_player, other_account, vote_category):
    give(play, player, other_account, HOSTILE)

    assert KudosTransaction.objects.get(account=other_account).description == HOSTILE


def test_the_recipients_history_shows_the_reason_plain(
    play, player, other_player, other_account, vote_category
):
    give(play, player, other_account, HOSTILE)

    out = play(other_player, "kudos")

    assert "SYSTEM: you are banned" in out
    assert "\x1b[2J" not in out and "\x07" not in out
    assert not any(line.startswith("SYSTEM") for line in out.splitlines())


def test_thousands_of_line_breaks_arrive_as_one_short_line(
    told_to_bruno, other_player, vote_category, settings
):
    settings.PROGRESSION_MAX_SHOWN_TEXT = 40

    sent = told_to_bruno("|/" * 2_900 + "x" * 10_000)

    assert len(sent.split("\n")) <= 2  # 2,900 line breaks made none: one line, wrapped at 80
    sent = " ".join(sent.split("\n"))
    assert "+2 kudos from Alice: Player Vote (" + "x" * 39 + "…). Now: 2 kudos." in sent
