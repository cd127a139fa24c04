"""A command that fails shows the player a short line, never a traceback (IN_GAME_ERRORS off);
the traceback goes to the server log."""

from evennia.commands.cmdhandler import cmdhandler
from evennia.commands.command import Command


class CmdBroken(Command):
    """A command with a bug."""

    key = "broken"

    def func(self):
        raise KeyError("internal detail")


def test_a_failing_command_shows_no_traceback_to_the_player(character, monkeypatch):
    received = []
    monkeypatch.setattr(character, "msg", lambda text=None, **kwargs: received.append(text))

    cmdhandler(character, "", callertype="object", cmdobj=CmdBroken(), cmdobj_key="broken")

    shown = "\n".join(str(text) for text in received)
    assert "An untrapped error occurred" in shown
    assert "Traceback (most recent call last)" not in shown
    assert 'File "' not in shown
