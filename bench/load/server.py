"""The real game in a private copy of src/, started like `make run` on free loopback ports and
its own database, stopped afterwards whatever happened: for a load run, and (through
tests/e2e/conftest.py, which imports it) for the end-to-end tests.

The copy keeps the server's pid files, logs and database apart from a game a developer runs from
src/, and gets the repository's manage.py beside it, which puts the copy's own src/ on the import
path.
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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
START_TIMEOUT = 120  # seconds for the portal and server to open their ports
COMMAND_TIMEOUT = 300  # seconds for one management command (migrate on a busy machine)
WEB_PORTS_USED = 6  # web, websocket (+1), internal web (+4) and AMP (+5) follow the web port
HOST = "127.0.0.1"  # loopback only: the driver never sends traffic anywhere else


def say(message: str) -> None:
    """Progress on stderr: a full run takes minutes, most of them before the first command."""
    print(f"[load {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


@dataclass
class Game:
    telnet_port: int
    web_port: int
    game_dir: Path
    database_url: str
    env: dict[str, str] = field(repr=False)
    host: str = HOST

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.web_port}"

    @property
    def log_dir(self) -> Path:
        return self.game_dir / "server" / "logs"

    @property
    def admin_password(self) -> str:
        return self.env["DEMO_ADMIN_PASSWORD"]

    @property
    def player_password(self) -> str:
        return self.env["DEMO_PLAYER_PASSWORD"]

    def manage(
        self, *args: str, extra_env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess:
        """Run a management command against this game's settings and database."""
        return run(
            [sys.executable, "manage.py", *args],
            cwd=self.game_dir.parent,
            env={**self.env, **(extra_env or {})},
        )


def run(command: list[str], *, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
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
            sock.bind((HOST, port))
        except OSError:
            return False
    return True


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
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
    with contextlib.suppress(OSError), socket.create_connection((HOST, port), timeout=1):
        return True
    return False


def fresh_postgres_database(server_url: str, name: str) -> str:
    """Database `name` made afresh (dropped first if there) on the PostgreSQL server of
    `server_url`; the URL to it."""
    drop_postgres_database(server_url, name)
    _postgres_admin(server_url, "CREATE DATABASE {}", name)
    return urllib.parse.urlsplit(server_url)._replace(path=f"/{name}").geturl()


def drop_postgres_database(server_url: str, name: str) -> None:
    # WITH FORCE: a server that did not stop cleanly may still hold connections.
    _postgres_admin(server_url, "DROP DATABASE IF EXISTS {} WITH (FORCE)", name)


def _postgres_admin(server_url: str, statement: str, name: str) -> None:
    import dj_database_url
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(server_url)
    with psycopg.connect(
        dbname="postgres",
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        autocommit=True,
        connect_timeout=10,
    ) as connection:
        connection.execute(sql.SQL(statement).format(sql.Identifier(name)))


@contextlib.contextmanager
def postgres_database(server_url: str) -> Iterator[str]:
    """A fresh `load_<random>` database on the PostgreSQL server of `server_url`, dropped on
    exit."""
    name = f"load_{secrets.token_hex(4)}"
    url = fresh_postgres_database(server_url, name)
    try:
        yield url
    finally:
        drop_postgres_database(server_url, name)


def _wait_for_ports(ports: list[int], deadline: float, game: Game, started: str) -> None:
    while not all(_answers(port) for port in ports):
        if time.monotonic() > deadline:
            logs = "\n".join(
                f"--- {log.name}\n{log.read_text()[-3000:]}"
                for log in sorted(game.log_dir.glob("*.log"))
            )
            raise RuntimeError(f"the game did not open {ports} in time\n{started}\n{logs}")
        time.sleep(0.5)


def _wait_for_login_screen(telnet_port: int, deadline: float) -> None:
    """The portal opens its ports before the server has connected to it; the game is ready when
    a fresh telnet connection gets the login screen (which the server sends)."""
    while True:
        received = b""
        with (
            contextlib.suppress(OSError),
            socket.create_connection((HOST, telnet_port), timeout=10) as sock,
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


def _evennia(game: Game, *args: str, timeout: float = 60) -> str:
    # Evennia's launcher starts the portal and server with `twistd` from the venv (see PATH).
    evennia = Path(sys.executable).with_name("evennia")
    result = subprocess.run(
        [str(evennia), *args],
        cwd=game.game_dir,
        env=game.env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return result.stdout + result.stderr


def _stop(game: Game) -> None:
    with contextlib.suppress(subprocess.TimeoutExpired):
        _evennia(game, "stop")
    # Whatever `evennia stop` left behind (a half-started portal, a hung server) goes by pid.
    for pid_file in ("server.pid", "portal.pid"):
        path = game.game_dir / "server" / pid_file
        with contextlib.suppress(FileNotFoundError, ValueError, ProcessLookupError):
            pid = int(path.read_text().strip())
            # Only if that pid is still our twistd (named with this pid file), not a reused id.
            if str(path).encode() in Path(f"/proc/{pid}/cmdline").read_bytes():
                os.kill(pid, signal.SIGKILL)


@contextlib.contextmanager
def running_game(
    workdir: Path, database_url: str, *, prepare: Callable[[Game], None]
) -> Iterator[Game]:
    """A private copy of the game in `workdir`, migrated, then `prepare`d (the caller loads the
    demo data `make run` loads, and its own), started against `database_url` on free ports;
    stopped on exit."""
    shutil.copytree(
        REPO / "src",
        workdir / "src",
        ignore=shutil.ignore_patterns(
            "logs", "*.db3*", ".demo_credentials", "secret_settings.py", "__pycache__"
        ),
    )
    shutil.copy2(REPO / "manage.py", workdir / "manage.py")
    game_dir = workdir / "src"
    (game_dir / "server" / "logs").mkdir()
    telnet_port = _free_port()
    web_port = _free_port_block(WEB_PORTS_USED, avoid={telnet_port})
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
        "DEMO_ADMIN_PASSWORD": secrets.token_urlsafe(12),
        "DEMO_PLAYER_PASSWORD": secrets.token_urlsafe(12),
    }
    game = Game(
        telnet_port=telnet_port,
        web_port=web_port,
        game_dir=game_dir,
        database_url=database_url,
        env=env,
    )
    say(f"migrating a copy of the game in {workdir}")
    game.manage("migrate", "--no-input", "-v", "0")
    prepare(game)
    say(f"starting the game: telnet {telnet_port}, web {web_port}")
    deadline = time.monotonic() + START_TIMEOUT
    try:
        started = _evennia(game, "start", timeout=START_TIMEOUT)
        if "timed out" in started:
            # The launcher gives the portal only ~10 s to load; on a busy machine it comes up
            # later, without the server. Once the portal's AMP port answers, a second `start`
            # starts the server behind it.
            _wait_for_ports([web_port + 5], deadline, game, started)
            started = _evennia(game, "start", timeout=START_TIMEOUT)
        # The portal opens telnet and web; web+4 is the server's own web port behind the
        # portal's proxy, so once it answers, pages are served.
        _wait_for_ports([telnet_port, web_port, web_port + 4], deadline, game, started)
        _wait_for_login_screen(telnet_port, deadline)
        yield game
    finally:
        say("stopping the game")
        _stop(game)
