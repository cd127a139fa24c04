"""Run game commands through Evennia's own command test machinery, from pytest.

`EvenniaCommandTestMixin.call` is what Evennia's unittest classes use: it sets a command up as
the command handler would, runs at_pre_cmd, parse, func and at_post_cmd, and collects what
`caller.msg` received. It needs a logged-in session with id 1, which `logged_in` makes.
"""

from __future__ import annotations

import contextlib
import threading
from unittest.mock import Mock

import evennia
from django.db import connection
from evennia.server.serversession import ServerSession
from evennia.utils.create import create_object
from evennia.utils.test_resources import EvenniaCommandTestMixin

from typeclasses.factories import CharacterFactory

SESSION_ID = 1


class CommandRunner(EvenniaCommandTestMixin):
    """`play(caller, "scene/start Duel")` runs the command of `commands` that the typed text
    names, as `caller`, and returns what the caller was sent (colour codes stripped)."""

    account = None

    def __init__(self, commands):
        self.commands = commands

    def assertEqual(self, first, second):  # the unittest name .call() expects
        assert first == second

    def __call__(self, caller, typed: str, *, noansi=True):
        command, args = self.command_for(typed)
        self.account = caller.account
        return self.call(command(), args, caller=caller, noansi=noansi)

    def heard(self, caller, typed: str, *receivers) -> dict:
        """Run `typed` as `caller`; what each of `receivers` (the caller too, if listed) was
        sent, as Evennia was handed it, markup left in: `{receiver: text}`."""
        command, args = self.command_for(typed)
        self.account = caller.account
        with heard(*receivers) as sent:
            # .call() must watch someone: the room, which msg_contents never messages itself.
            self.call(command(), args, caller=caller, msg={caller.location: None})
        return {receiver: "\n".join(texts) for receiver, texts in sent.items()}

    def command_for(self, typed: str):
        cut = min((typed.find(mark) for mark in "/ " if mark in typed), default=len(typed))
        name, args = typed[:cut], typed[cut:]
        return next(c for c in self.commands if name == c.key or name in c.aliases), args


@contextlib.contextmanager
def logged_in(account):
    """A logged-in telnet session for `account`, as BaseEvenniaTest.setup_session makes it."""
    handler = evennia.SESSION_HANDLER
    saved = handler.data_out, handler.disconnect
    handler.data_out, handler.disconnect = Mock(), Mock()
    dummy = ServerSession()
    dummy.init_session("telnet", ("localhost", "testmode"), handler)
    dummy.sessid = SESSION_ID
    handler.portal_connect(dummy.get_sync_data())
    real = handler.session_from_sessid(SESSION_ID)
    handler.login(real, account, testmode=True)
    try:
        yield real
    finally:
        if SESSION_ID in handler:
            del handler[SESSION_ID]
        handler.data_out, handler.disconnect = saved


def make_room(key: str = "Tavern"):
    return create_object("typeclasses.rooms.Room", key=key)


def played_character(account, room, key: str):
    """A character `account` is playing, standing in `room`."""
    character = CharacterFactory(account=account, key=key)
    character.account = account
    character.location = room
    return character


def run_together(target, count=6):
    """Run `target()` in `count` threads released at once; returns results and errors."""
    barrier = threading.Barrier(count)
    results, errors = [], []
    lock = threading.Lock()

    def worker():
        try:
            barrier.wait()
            outcome = target()
            with lock:
                results.append(outcome)
        except Exception as error:  # collected and asserted on below
            with lock:
                errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


@contextlib.contextmanager
def heard(*receivers):
    """What each of `receivers` is sent while the block runs, as the text Evennia was handed
    (markup left in): `{receiver: [text, ...]}`."""
    sent = {receiver: [] for receiver in receivers}
    real = {receiver: receiver.msg for receiver in receivers}

    def recorder(receiver):
        def msg(text=None, *args, **kwargs):
            text = text[0] if isinstance(text, tuple | list) else text
            sent[receiver].append(str(text if text is not None else kwargs.get("text", "")))
            return real[receiver](text, *args, **kwargs)

        return msg

    for receiver in receivers:
        receiver.msg = recorder(receiver)
    try:
        yield sent
    finally:
        for receiver in receivers:
            receiver.msg = real[receiver]


def as_telnet_client_sees(text: str) -> str:
    """`text` as Evennia's telnet protocol sends it to a client that negotiated MXP and colour
    (evennia/server/portal/telnet.py send_text): colour codes become ANSI escapes, `||` a `|`,
    and then MXP link markup becomes a clickable <SEND> or <A> tag."""
    from evennia.server.portal.mxp import mxp_parse
    from evennia.utils.ansi import parse_ansi

    return mxp_parse(parse_ansi(text + "|n", xterm256=True, mxp=True))
