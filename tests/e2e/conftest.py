"""Start the real game once per test session, in a private copy, for the end-to-end tests.

Copying, ports, start and stop are the load driver's (bench/load/server.py): one way to run the
game, whether for a load run or for these tests. Free ports keep the copy from colliding with a
game a developer runs on 4000/4001.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.load import server as game_runner

# The tests' name for the running game; what it offers is documented on the class.
GameServer = game_runner.Game


def _database_url(tmp: Path, *, suffix: str = "_e2e") -> str:
    """SQLite in the temp dir, or a separate `<name><suffix>` PostgreSQL database made afresh."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{tmp / 'game.db3'}"
    import dj_database_url

    name = f"{dj_database_url.parse(url)['NAME']}{suffix}"
    return game_runner.fresh_postgres_database(url, name)


@contextlib.contextmanager
def running_game(tmp: Path, database_url: str) -> Iterator[GameServer]:
    """A private copy of the game in `tmp`, migrated, seeded with the demo data and started
    against `database_url` on free ports; stopped on exit."""
    with game_runner.running_game(
        tmp, database_url, prepare=lambda game: game.manage("seed_demo")
    ) as server:
        yield server


@pytest.fixture(scope="session")
def game_server(tmp_path_factory) -> Iterator[GameServer]:
    tmp = tmp_path_factory.mktemp("game")
    with running_game(tmp, _database_url(tmp)) as server:
        yield server
