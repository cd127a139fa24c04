"""Through Evennia's own command handler (the merged command sets a logged-in session has): the
progression commands answer out of character, and while a character is played its copies win."""

from unittest.mock import Mock

import pytest
from evennia.utils.create import create_object


def typed(session, receiver, text: str) -> str:
    """What `receiver` is sent when the player behind `session` types `text`."""
    receiver.msg = Mock()
    try:
        session.execute_cmd(text)
        calls = receiver.msg.mock_calls
        return "\n".join(call.kwargs.get("text") or call.args[0] for call in calls)
    finally:
        del receiver.msg


@pytest.fixture
def playing(session, account, player):
    """The session puppets Alice, standing in a room."""
    player.location = create_object("typeclasses.rooms.Room", key="Hall")
    account.puppet_object(session, player)
    return player


def test_xp_and_kudos_answer_out_of_character(session, account, player):
    assert "Account XP: |w0|n available" in typed(session, account, "xp")
    assert "Kudos: |w0|n available" in typed(session, account, "kudos")
    assert "No XP transactions yet." in typed(session, account, "xp/history")


def test_dev_out_of_character_says_which_character_to_play(session, account, player):
    assert typed(session, account, "dev") == (
        "|rOut of character: 'ic Alice' or 'dev Alice' (yours: Alice).|n"
    )


def test_in_character_the_characters_commands_answer(session, playing):
    assert "Alice's XP:" in typed(session, playing, "xp")
    assert typed(session, playing, "dev") == "Alice has no trait development yet."
