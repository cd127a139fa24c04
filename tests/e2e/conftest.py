"""Start the real game once per test session, in a private copy, for the end-to-end tests.

The copy keeps the server's pid files, logs and database apart from any game a developer is
running from src/, and free ports keep it from colliding with one on 4000/4001. The copy gets the
repository's manage.py beside it, which puts the copy's own src/ on the import path.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
START_TIMEOUT = 90  # seconds for the portal and server to open their ports
COMMAND_TIMEOUT = 300  # seconds for one management command (migrate on a cold machine)
WEB_PORTS_USED = 6  # web, websocket (+1), internal web (+4) and AMP (+5) follow the web port


@dataclass
class GameServer:
    host: str
    telnet_port: int
    web_port: int
    admin_password: str
    player_password: str
    game_dir: Path
    env: dict[str, str] = field(repr=False)

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.web_port}"

    def manage(self, *args: str) -> subprocess.CompletedProcess:
        """Run a Django management command against the running game's settings and database."""
        return _run([sys.executable, "manage.py", *args], cwd=self.game_dir.parent, env=self.env)


def _run(command: list[str], *, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    result = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=COMMAND_TIMEOUT
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
        )
    return result


def _port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _free_port_block(size: int, avoid: set[int]) -> int:
    """A port p with p .. p+size-1 all free (none of them in `avoid`)."""
    for _ in range(200):
        base = secrets.randbelow(20000) + 30000
        block = range(base, base + size)
        if not avoid.intersection(block) and all(_port_is_free(port) for port in block):
            return base
    raise RuntimeError(f"no block of {size} free ports found")


def _answers(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
        return True
    return False


def _database_url(tmp: Path, *, suffix: str = "_e2e") -> str:
    """SQLite in the temp dir, or a separate `<name><suffix>` PostgreSQL database made afresh."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{tmp / 'game.db3'}"
    import dj_database_url
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(url)
    name = f"{config['NAME']}{suffix}"
    with psycopg.connect(
        dbname="postgres",
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        autocommit=True,
    ) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return urllib.parse.urlsplit(url)._replace(path=f"/{name}").geturl()


def _wait_for_ports(
    ports: list[int], deadline: float, game_dir: Path, started: subprocess.CompletedProcess
) -> None:
    while not all(_answers(port) for port in ports):
        if time.monotonic() > deadline:
            logs = "\n".join(
                f"--- {log.name}\n{log.read_text()[-3000:]}"
                for log in sorted((game_dir / "server" / "logs").glob("*.log"))
            )
            raise RuntimeError(
                f"the game did not open {ports} in {START_TIMEOUT}s\n"
                f"{started.stdout}\n{started.stderr}\n{logs}"
            )
        time.sleep(0.5)


def _wait_for_login_screen(telnet_port: int, deadline: float) -> None:
    """The portal opens its ports before the server has connected to it; a player who connects
    in between sees " ... Server restarted." instead of the login screen. The server is ready
    when a fresh telnet connection gets the login screen (which the server sends)."""
    while True:
        received = b""
        with (
            contextlib.suppress(OSError),
            socket.create_connection(("127.0.0.1", telnet_port), timeout=10) as sock,
        ):
            probe_ends = time.monotonic() + 10
            while b"connect" not in received and time.monotonic() < probe_ends:
                chunk = sock.recv(4096)
                if not chunk:
                    break
                received += chunk
        if b"connect" in received:
            return
        if time.monotonic() > deadline:
            raise RuntimeError(f"the server never showed the login screen; got {received!r}")
        time.sleep(1)


def _stop(game_dir: Path, env: dict[str, str]) -> None:
    evennia = Path(sys.executable).with_name("evennia")
    with contextlib.suppress(subprocess.TimeoutExpired):
        subprocess.run(
            [str(evennia), "stop"], cwd=game_dir, env=env, capture_output=True, timeout=60
        )
    # Whatever `evennia stop` left behind (a half-started portal, a hung server) goes by pid.
    for pid_file in ("server.pid", "portal.pid"):
        path = game_dir / "server" / pid_file
        with contextlib.suppress(FileNotFoundError, ValueError, ProcessLookupError):
            pid = int(path.read_text().strip())
            # Only if that pid is still our twistd (named with this pid file), not a reused id.
            if str(path).encode() in Path(f"/proc/{pid}/cmdline").read_bytes():
                os.kill(pid, signal.SIGKILL)


@contextlib.contextmanager
def running_game(tmp: Path, database_url: str) -> Iterator[GameServer]:
    """A private copy of the game in `tmp`, migrated, seeded and started against
    `database_url` on free ports; stopped on exit."""
    shutil.copytree(
        REPO / "src",
        tmp / "src",
        ignore=shutil.ignore_patterns(
            "logs", "*.db3", ".demo_credentials", "secret_settings.py", "__pycache__"
        ),
    )
    shutil.copy2(REPO / "manage.py", tmp / "manage.py")
    game_dir = tmp / "src"
    (game_dir / "server" / "logs").mkdir()

    telnet_port = _free_port()
    web_port = _free_port_block(WEB_PORTS_USED, avoid={telnet_port})
    admin_password = secrets.token_urlsafe(12)
    player_password = secrets.token_urlsafe(12)
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "DATABASE_URL")},
        # Evennia's launcher starts the portal and server with `twistd` from the venv.
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONPATH": str(game_dir),
        # pytest-django points this at the test settings; the real server runs the real ones.
        "DJANGO_SETTINGS_MODULE": "server.conf.settings",
        "DATABASE_URL": database_url,
        "PROGRESSION_TELNET_PORT": str(telnet_port),
        "PROGRESSION_WEB_PORT": str(web_port),
        "DEMO_ADMIN_PASSWORD": admin_password,
        "DEMO_PLAYER_PASSWORD": player_password,
    }
    server = GameServer(
        host="127.0.0.1",
        telnet_port=telnet_port,
        web_port=web_port,
        admin_password=admin_password,
        player_password=player_password,
        game_dir=game_dir,
        env=env,
    )
    server.manage("migrate", "--no-input", "-v", "0")
    server.manage("seed_demo")

    evennia = Path(sys.executable).with_name("evennia")
    deadline = time.monotonic() + START_TIMEOUT
    try:
        started = _run([str(evennia), "start"], cwd=game_dir, env=env)
        if "timed out" in started.stdout:
            # The launcher gives the portal only ~10 s to load; on a busy machine it comes up
            # later, without the server. Once the portal's AMP port answers, a second `start`
            # starts the server behind it.
            _wait_for_ports([web_port + 5], deadline, game_dir, started)
            started = _run([str(evennia), "start"], cwd=game_dir, env=env)
        # The portal opens telnet and web; web+4 is the server's own web port behind the
        # portal's proxy, so once it answers, pages are served.
        _wait_for_ports([telnet_port, web_port, web_port + 4], deadline, game_dir, started)
        _wait_for_login_screen(telnet_port, deadline)
        yield server
    finally:
        _stop(game_dir, env)


@pytest.fixture(scope="session")
def game_server(tmp_path_factory) -> Iterator[GameServer]:
    tmp = tmp_path_factory.mktemp("game")
    with running_game(tmp, _database_url(tmp)) as server:
        yield server
