"""Run progression commands through Evennia's own command test machinery, from pytest.

`EvenniaCommandTestMixin.call` is what Evennia's unittest classes use: it sets the command up as
the command handler would (caller, account, session, raw string), runs at_pre_cmd, parse, func
and at_post_cmd, and collects what `caller.msg` received. Its `call` needs a logged-in session
with id 1, which `BaseEvenniaTest.setup_session` makes; the `session` fixture does the same here.
"""

from unittest.mock import Mock

import evennia
import pytest
from evennia.accounts.models import AccountDB
from evennia.server.serversession import ServerSession
from evennia.utils.test_resources import EvenniaCommandTestMixin

from typeclasses.factories import AccountFactory, CharacterFactory, StaffAccountFactory
from world.progression.commands import PROGRESSION_COMMANDS
from world.progression.factories import KudosClaimCategoryFactory, KudosSourceCategoryFactory
from world.progression.services.xp import post_account_xp
from world.progression.types import ProgressionReason

SESSION_ID = 1


class CommandRunner(EvenniaCommandTestMixin):
    """Evennia's `.call()` outside a unittest class: `play(caller, "xp/history 2")`."""

    account = None

    def assertEqual(self, first, second):  # the unittest name .call() expects
        assert first == second

    def __call__(self, caller, typed: str, *, msg=None, noansi=True):
        """Run what a player types (`kudos/claim xp = 20`) as `caller`; returns the text sent
        to the caller, colour codes stripped unless `noansi` is False."""
        name, args = split_typed(typed)
        # An account typing out of character is its own account.
        self.account = caller if isinstance(caller, AccountDB) else caller.account
        return self.call(find_command(name)(), args, msg=msg, caller=caller, noansi=noansi)


def split_typed(typed: str) -> tuple[str, str]:
    """'xp/history 2' -> ('xp', '/history 2'), the way the command handler splits it."""
    cut = min((typed.find(mark) for mark in "/ " if mark in typed), default=len(typed))
    return typed[:cut], typed[cut:]


def find_command(name: str):
    for command in PROGRESSION_COMMANDS:
        if name == command.key or name in command.aliases:
            return command
    raise LookupError(f"no progression command called {name!r}")


def log_in(account, sessid: int):
    """A logged-in telnet session `sessid` for `account`, as BaseEvenniaTest.setup_session
    makes it; what Evennia sends it reaches `evennia.SESSION_HANDLER.data_out`."""
    handler = evennia.SESSION_HANDLER
    dummy = ServerSession()
    dummy.init_session("telnet", ("localhost", "testmode"), handler)
    dummy.sessid = sessid
    handler.portal_connect(dummy.get_sync_data())
    real = handler.session_from_sessid(sessid)
    handler.login(real, account, testmode=True)
    return real


@pytest.fixture
def session(account):
    """A logged-in telnet session for `account` (session id 1, which `.call()` needs)."""
    handler = evennia.SESSION_HANDLER
    saved = handler.data_out, handler.disconnect
    handler.data_out, handler.disconnect = Mock(), Mock()
    yield log_in(account, SESSION_ID)
    for sessid in list(handler):
        del handler[sessid]
    handler.data_out, handler.disconnect = saved


@pytest.fixture
def other_session(session, other_account):
    """`other_account` logged in too (session id 2): a second player online."""
    return log_in(other_account, SESSION_ID + 1)


@pytest.fixture
def play(session, no_evtable):
    return CommandRunner()


@pytest.fixture
def staff_session(session, staff_account):
    """`staff_account` logged in too (session id 3): a staff member online."""
    return log_in(staff_account, SESSION_ID + 2)


def puppeted_by(account, **kwargs):
    """A character `account` is playing (Evennia's tests link them the same way)."""
    character = CharacterFactory(account=account, **kwargs)
    character.account = account
    return character


@pytest.fixture
def puppet(db):
    """`puppet(account, key="Name")`: another character played by `account`."""
    return puppeted_by


@pytest.fixture
def player(account):
    """The character the logged-in player is playing."""
    return puppeted_by(account, key="Alice")


@pytest.fixture
def other_player(other_account):
    return puppeted_by(other_account, key="Bruno")


@pytest.fixture
def staff(staff_account):
    return puppeted_by(staff_account, key="Gamemaster")


@pytest.fixture
def developer(db):
    return puppeted_by(StaffAccountFactory(permissions=["Developer"]), key="Builder")


@pytest.fixture
def stranger(db):
    """A player with an account of their own and an email nobody else uses."""
    return puppeted_by(AccountFactory(key="Sam"), key="Samwise")


@pytest.fixture
def give_xp(db):
    def give(account, amount, description="Quest reward"):
        return post_account_xp(
            account, amount, reason=ProgressionReason.GM_AWARD, description=description
        ).transaction

    return give


@pytest.fixture
def vote_category(db, settings):
    return KudosSourceCategoryFactory(
        name=settings.PROGRESSION_KUDOS_GIVE_CATEGORY, display_name="Player Vote", default_amount=2
    )


@pytest.fixture
def xp_claim(db):
    return KudosClaimCategoryFactory(
        name="xp", display_name="XP", kudos_cost=10, reward_amount=1, description="Account XP"
    )


@pytest.fixture
def server_log():
    """The lines Evennia's logger writes to the server log while the test runs."""
    from twisted.logger import formatEvent, globalLogPublisher

    lines: list[str] = []

    def observe(event):
        lines.append(formatEvent(event))

    globalLogPublisher.addObserver(observe)
    yield lines
    globalLogPublisher.removeObserver(observe)
