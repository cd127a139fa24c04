"""A player who was offline reads what changed their numbers at the next login, since their
last logout, and can read it again with `xp/away`."""

import datetime

import evennia
import pytest
from django.utils import timezone
from told import sent_to

from world.progression.commands.notices import LAST_LOGOUT
from world.progression.models import XPTransaction
from world.progression.services import award_development_points, award_xp
from world.traits.factories import TraitFactory


@pytest.fixture
def was_away(account, player):
    """The player logged out an hour ago; before that, one award; since, two changes."""
    award_xp(account, 1, description="before the logout")
    XPTransaction.objects.update(transaction_date=timezone.now() - datetime.timedelta(hours=2))
    account.attributes.add(LAST_LOGOUT, timezone.now() - datetime.timedelta(hours=1))
    award_xp(account, 25, description="weekly votes")
    award_development_points(player, TraitFactory(name="Wits"), "scene", 2)


def test_the_last_session_leaving_remembers_the_moment(account):
    assert not account.sessions.count()

    account.at_post_disconnect()

    assert account.attributes.get(LAST_LOGOUT) <= timezone.now()


def test_logging_in_tells_what_changed_since_the_last_logout(session, account, was_away):
    evennia.SESSION_HANDLER.data_out.reset_mock()

    account.at_post_login(session=session)

    summary = "\n".join(sent_to(session))
    assert "While you were away:" in summary
    assert "Alice earned 2 development in Wits (scene)" in summary
    assert "+25 account XP: System award (weekly votes)" in summary
    assert "before the logout" not in summary


def test_xp_away_reads_the_summary_again(play, player, was_away):
    out = play(player, "xp/away")

    assert out.splitlines()[0] == "While you were away:"
    assert "+25 account XP: System award (weekly votes)" in out


def test_a_long_absence_lists_the_latest_and_points_to_the_history(play, account, player):
    account.attributes.add(LAST_LOGOUT, timezone.now() - datetime.timedelta(hours=1))
    for amount in range(1, 9):
        award_xp(account, amount)

    out = play(player, "xp/away").splitlines()

    assert out[0] == "While you were away (8 changes):"
    assert len(out) == 1 + 5 + 1 and out[-1] == "Type xp/history for the rest."


def test_nothing_changed_says_so(play, account, player):
    account.attributes.add(LAST_LOGOUT, timezone.now())

    assert play(player, "xp/away") == "Nothing changed while you were away."
