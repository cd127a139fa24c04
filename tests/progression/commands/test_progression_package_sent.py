"""A client that negotiated out-of-band data (GMCP, the webclient) is sent the progression
package (`Char.Progression`) on login, on `ic` and after each committed change to its player's
numbers; a plain telnet client is sent none and costs no read."""

import evennia
import pytest
from django.db import transaction
from evennia.utils import create
from told import packages_sent_to

from world.progression.commands.oob import PACKAGE
from world.progression.rules.achievements import SCENE_QUALIFIED
from world.progression.services import (
    award_character_xp,
    award_xp,
    grant_achievement,
    revoke_achievement,
)
from world.progression.services.achievements import count_play


@pytest.fixture
def in_a_room(player):
    """The played character stands in a room, as `ic` needs (it looks around)."""
    player.location = create.create_object("typeclasses.rooms.Room", key="Hall")
    return player


@pytest.fixture
def gmcp(session):
    """The logged-in session's client negotiated GMCP (Evennia's OOB flag)."""
    session.protocol_flags["OOB"] = True
    evennia.SESSION_HANDLER.data_out.reset_mock()
    return session


def test_the_package_is_evennias_char_progression_output():
    # telnet_oob maps the outputfunc name to the GMCP package: char_progression -> Char.Progression.
    from evennia.server.portal.gmcp_utils import encode_gmcp

    assert encode_gmcp(PACKAGE, available=1).startswith("Char.Progression {")


def test_a_committed_award_sends_the_new_package(gmcp, account, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        award_xp(account, 40, description="a fine duel")
        assert packages_sent_to(gmcp) == []

    (package,) = packages_sent_to(gmcp)
    assert package["xp"] == {"available": 40, "earned": 40, "spent": 0}
    assert package["character"] is None


def test_an_award_to_the_played_character_sends_its_pools(
    gmcp, account, in_a_room, django_capture_on_commit_callbacks
):
    player = in_a_room
    account.puppet_object(gmcp, player)
    evennia.SESSION_HANDLER.data_out.reset_mock()

    with django_capture_on_commit_callbacks(execute=True):
        award_character_xp(player, 6, transferable=True)

    (package,) = packages_sent_to(gmcp)
    assert package["character"]["name"] == "Alice"
    assert package["character"]["xp"] == {"locked": 0, "transferable": 6}


def test_a_granted_achievement_sends_the_package_with_it(
    gmcp, account, in_a_room, staff_account, django_capture_on_commit_callbacks
):
    player = in_a_room
    account.puppet_object(gmcp, player)
    evennia.SESSION_HANDLER.data_out.reset_mock()

    with django_capture_on_commit_callbacks(execute=True):
        grant_achievement(character=player, key="slew_the_dragon", staff=staff_account, reason="x")

    (package,) = packages_sent_to(gmcp)
    assert package["character"]["achievements"]["completed"] == [
        {"key": "slew_the_dragon", "name": "Slew the dragon"}
    ]


def test_an_achievement_earned_in_play_or_revoked_sends_the_package(
    gmcp, account, in_a_room, staff_account, django_capture_on_commit_callbacks
):
    player = in_a_room
    account.puppet_object(gmcp, player)
    evennia.SESSION_HANDLER.data_out.reset_mock()

    with django_capture_on_commit_callbacks(execute=True):
        count_play([player], SCENE_QUALIFIED)
    with django_capture_on_commit_callbacks(execute=True):
        revoke_achievement(character=player, key="first_scene", staff=staff_account, reason="x")

    earned, revoked = packages_sent_to(gmcp)
    assert earned["character"]["achievements"]["completed"] == [
        {"key": "first_scene", "name": "First scene"}
    ]
    assert revoked["character"]["achievements"]["completed"] == []


def test_a_rolled_back_award_sends_no_package(gmcp, account, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        award_xp(account, 40)
        raise RuntimeError("the rest of the action failed")

    assert packages_sent_to(gmcp) == []


def test_logging_in_sends_the_package(gmcp, account):
    account.at_post_login(session=gmcp)

    (package,) = packages_sent_to(gmcp)
    assert package["xp"]["available"] == 0
    assert package["character"] is None


def test_ic_sends_the_package_with_the_character(gmcp, account, in_a_room):
    account.puppet_object(gmcp, in_a_room)

    (package,) = packages_sent_to(gmcp)
    assert package["character"] == {
        "name": "Alice",
        "xp": {"locked": 0, "transferable": 0},
        "goal": None,
        "achievements": {"completed": [], "open": package["character"]["achievements"]["open"]},
    }
    assert {"key": "first_scene", "name": "First scene", "done": 0, "needed": 1} in package[
        "character"
    ]["achievements"]["open"]


def test_a_plain_telnet_client_gets_no_package_and_costs_no_read(
    session, account, django_assert_num_queries
):
    evennia.SESSION_HANDLER.data_out.reset_mock()
    from world.progression.commands.oob import send_progression

    with django_assert_num_queries(0):
        send_progression(account)

    account.at_post_login(session=session)
    assert packages_sent_to(session) == []


def test_only_the_affected_players_client_gets_a_package(
    gmcp, other_session, account, other_account, django_capture_on_commit_callbacks
):
    other_session.protocol_flags["OOB"] = True

    with django_capture_on_commit_callbacks(execute=True):
        award_xp(other_account, 5)

    assert packages_sent_to(gmcp) == []
    assert len(packages_sent_to(other_session)) == 1
