import pytest
from scene_harness import CommandRunner, logged_in, make_room, played_character

from typeclasses.factories import AccountFactory, StaffAccountFactory
from world.scenes.commands import SCENE_COMMANDS


@pytest.fixture
def session(account):
    with logged_in(account) as session:
        yield session


@pytest.fixture
def play(session, no_evtable):
    return CommandRunner(SCENE_COMMANDS)


@pytest.fixture
def room(db):
    return make_room("Tavern")


@pytest.fixture
def player(account, room):
    """The character the logged-in player is playing."""
    return played_character(account, room, "Alice")


@pytest.fixture
def other_player(other_account, room):
    return played_character(other_account, room, "Bruno")


@pytest.fixture
def staff_account(db):
    return StaffAccountFactory()


@pytest.fixture
def staff(staff_account, room):
    return played_character(staff_account, room, "Gamemaster")


@pytest.fixture
def stranger(room):
    return played_character(AccountFactory(key="Sam"), room, "Samwise")
