import sys
from pathlib import Path

import pytest

# The command harness the scene tests use (tests/ is not a package: a `tests` package from a
# dependency would shadow it).
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scenes"))

from scene_harness import CommandRunner, logged_in, make_room, played_character

from world.voting.commands import VOTING_COMMANDS


@pytest.fixture
def room(db):
    return make_room("Square")


@pytest.fixture
def play(account):
    with logged_in(account):
        yield CommandRunner(VOTING_COMMANDS)


@pytest.fixture
def voter(account, room):
    """The logged-in player's character."""
    return played_character(account, room, "Alice")


@pytest.fixture
def bruno(other_account, room):
    return played_character(other_account, room, "Bruno")
