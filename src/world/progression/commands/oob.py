"""Out-of-band progression for MUD clients and the webclient: the `Char.Progression` GMCP
package (selectors.packages reads it), sent on login, on puppeting and after every committed
change to a player's numbers, to the sessions whose client takes out-of-band data."""

from __future__ import annotations

from twisted.internet import reactor
from twisted.python.threadable import isInIOThread

from ..selectors.packages import progression_package

# Evennia's name for the output: telnet_oob writes it as the GMCP package "Char.Progression"
# (MSDP as the variable char_progression), the webclient receives
# ["char_progression", [], {...}].
PACKAGE = "char_progression"


def from_reactor(send, /, *args, **kwargs) -> None:
    """Call `send` (a session's or account's msg) from the reactor thread: a web request commits
    in a thread of the web server's pool, and sessions must only be written to from the
    reactor."""
    if reactor.running and not isInIOThread():
        reactor.callFromThread(send, *args, **kwargs)
    else:
        send(*args, **kwargs)


def out_of_band_sessions(account, sessions=None) -> list:
    """Those of `sessions` (by default all of `account`'s) whose client negotiated out-of-band
    data: telnet with GMCP or MSDP, the webclient. Evennia sets the flag; plain telnet has it
    off and would drop the package anyway, so nothing is read for it."""
    if sessions is None:
        sessions = account.sessions.all()
    return [session for session in sessions if session.protocol_flags.get("OOB")]


def send_progression(account, *, sessions=None) -> None:
    """Send the progression package to each out-of-band session of `account` (or of
    `sessions`), with the character that session plays; read once per character."""
    packages: dict = {}
    for session in out_of_band_sessions(account, sessions):
        puppet = session.puppet
        key = puppet.pk if puppet is not None else None
        if key not in packages:
            packages[key] = progression_package(account, puppet)
        from_reactor(session.msg, **{PACKAGE: packages[key]})


def send_progression_on_puppet(sender, account=None, session=None, **kwargs) -> None:
    """Receiver of Evennia's SIGNAL_OBJECT_POST_PUPPET (`ic`, and the puppet taken at login):
    the client learns the character's pools and goal as the player takes it up."""
    if account is not None and session is not None:
        send_progression(account, sessions=[session])


__all__ = [
    "PACKAGE",
    "from_reactor",
    "out_of_band_sessions",
    "send_progression",
    "send_progression_on_puppet",
]
