"""`make load`: the real game under 50 telnet players, 8 API clients and 25 open progression
pages for a bounded time, on PostgreSQL and/or SQLite; prints latency per command and endpoint,
throughput, what the pages' polling costs, errors and the audit, writes
bench/results/load-<database>.json, and exits non-zero on any error or an audit that is not
clean.

    python -m bench.load [--db postgres|sqlite|both] [--players 50] [--api-clients 8]
                         [--pages 25] [--seconds 120] [--think 1 3] [--out-dir bench/results]

Defaults also come from the environment: DB, LOAD_SECONDS, LOAD_PLAYERS, LOAD_API_CLIENTS,
LOAD_PAGES. A page belongs to one of the players (spread over them): it stays open while its
player plays over telnet, so it polls mostly unchanged versions and reloads when one moves.
PostgreSQL: the server of DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres),
in a database of its own named load_<random>, dropped at the end.

run_on_running_game() runs the same players against a game that is already up (the end-to-end
tests' shared one, tests/e2e/test_load_driver.py), skipping the copy, migration, start and stop.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from . import pages, report
from .scenario import Crowd, Plan, Results
from .server import COMMAND_TIMEOUT, REPO, Game, postgres_database, running_game, say

DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"
ROOM_SIZE = 5  # players per room: one GM and four players per scene
DEFAULT_PAGES = 25  # open progression pages, if not told: half the default players
REPLY_TIMEOUT = 30.0  # seconds a player waits for one reply before counting a timeout
SETUP_BUDGET = 900  # seconds for migrate, players, start, logins and stop (a busy machine)
SERVER_TRACEBACK = re.compile(r"Traceback \(most recent call last\)")


def options_from(argv: list[str] | None) -> argparse.Namespace:
    env = os.environ
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__)
    parser.add_argument(
        "--db", choices=("postgres", "sqlite", "both"), default=env.get("DB") or "postgres"
    )
    parser.add_argument("--players", type=int, default=int(env.get("LOAD_PLAYERS", 50)))
    parser.add_argument("--api-clients", type=int, default=int(env.get("LOAD_API_CLIENTS", 8)))
    parser.add_argument("--pages", type=int, default=env.get("LOAD_PAGES"))
    parser.add_argument("--seconds", type=float, default=float(env.get("LOAD_SECONDS", 120)))
    parser.add_argument("--think", type=float, nargs=2, default=(1.0, 3.0), metavar=("MIN", "MAX"))
    parser.add_argument("--scene-seconds", type=float, nargs=2, default=(20.0, 40.0))
    parser.add_argument("--out-dir", type=Path, default=REPO / "bench" / "results")
    options = parser.parse_args(argv)
    if not 1 <= options.players <= 500 or not 0 <= options.api_clients <= options.players:
        parser.error("players: 1-500; API clients: 0 to the number of players")
    if options.pages is None:
        options.pages = min(DEFAULT_PAGES, options.players)
    if not 0 <= options.pages <= options.players:
        parser.error("pages: 0 to the number of players")
    if not 1 <= options.seconds <= 3600:
        parser.error("seconds: 1-3600")
    return options


def make_players(
    game: Game, *, players: int, password: str, tag: str = "", seed_demo: bool = True
) -> list[dict]:
    say(f"loading {'the demo data and ' if seed_demo else ''}{players} players")
    script = "from bench.load.players import main; main()"
    if seed_demo:
        # The demo data `make run` loads (the shop, traits, kudos categories), then the players,
        # in one process: each manage.py start costs seconds.
        script = "from django.core.management import call_command; call_command('seed_demo');" + (
            script
        )
    output = game.manage(
        "shell",
        "-c",
        script,
        extra_env={
            # The game copy's src/ first, then the repository for bench.load.players.
            "PYTHONPATH": f"{game.game_dir}{os.pathsep}{REPO}",
            "LOAD_PLAYERS": str(players),
            "LOAD_ROOM_SIZE": str(ROOM_SIZE),
            "LOAD_PASSWORD": password,
            "LOAD_TAG": tag,
        },
    ).stdout
    # Django's shell may print a line about auto-imported models first; the JSON is the last.
    return json.loads(output.strip().splitlines()[-1])


async def drive(game: Game, players: list[dict], options, password: str, workdir: Path) -> dict:
    """Log everyone in, open the window, play, and collect what was measured."""
    results = Results()
    plan = Plan(
        host=game.host,
        port=game.telnet_port,
        password=password,
        think=tuple(options.think),
        scene_seconds=tuple(options.scene_seconds),
        timeout=REPLY_TIMEOUT,
    )
    crowd = Crowd(players, plan, results)
    api_out = workdir / "api.json"
    api = None
    try:
        if options.api_clients or options.pages:
            accounts = _spread(players, options.api_clients)
            page_accounts = _spread(players, options.pages)
            api = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bench.load.api",
                "--host",
                game.base_url,
                "--accounts",
                ",".join(accounts),
                "--page-accounts",
                ",".join(page_accounts),
                "--seconds",
                str(options.seconds),
                "--think",
                *(str(value) for value in options.think),
                "--out",
                str(api_out),
                cwd=REPO,
                env={**os.environ, "LOAD_PASSWORD": password},
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
            )
        say(
            f"logging in {len(players)} players, {options.api_clients} API clients and "
            f"{options.pages} pages"
        )
        logins = asyncio.create_task(crowd.log_in())
        if api is not None:
            await asyncio.wait_for(_api_ready(api), COMMAND_TIMEOUT)
            # Whatever it prints from now on is read, so a full pipe can never stall it.
            drained = asyncio.create_task(api.stdout.read())
        await asyncio.wait_for(logins, COMMAND_TIMEOUT)
        say(f"playing for {options.seconds:.0f} s")
        started = time.monotonic()
        if api is not None:
            api.stdin.write(b"go\n")
            await api.stdin.drain()
        await crowd.play(options.seconds)
        window = time.monotonic() - started
        api_results = {}
        if api is not None:
            await asyncio.wait_for(api.wait(), 120)
            await drained
            if api.returncode != 0:
                raise RuntimeError(f"the API clients failed ({api.returncode})")
            api_results = json.loads(api_out.read_text())
    finally:
        await crowd.close()
        if api is not None and api.returncode is None:
            api.kill()
            await api.wait()
    return {"telnet": results, "api": api_results, "window": window}


def _spread(players: list[dict], count: int) -> list[str]:
    """`count` of the players' accounts, spread evenly over them."""
    step = len(players) / count if count else 0
    return [players[int(i * step)]["account"] for i in range(count)]


async def _api_ready(api) -> None:
    while True:
        line = await api.stdout.readline()
        if not line:
            raise RuntimeError("the API clients stopped before logging in")
        if line.strip() == b"ready":
            return
        if line.strip() == b"failed":
            raise RuntimeError("an API client could not log in")


def audit(game: Game) -> dict:
    say("auditing every balance against its ledger")
    completed = subprocess.run(
        [sys.executable, "manage.py", "progression_audit"],
        cwd=game.game_dir.parent,
        env=game.env,
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT,
    )
    output = completed.stdout + completed.stderr
    return {"clean": completed.returncode == 0, "output": output.strip()[-4000:]}


def server_log_size(game: Game) -> int:
    log = game.log_dir / "server.log"
    return log.stat().st_size if log.exists() else 0


def server_tracebacks(game: Game, *, since: int = 0) -> list[str]:
    """Tracebacks the server logged from byte `since` of its log on (a running game's log may
    hold older ones, not this run's)."""
    log = game.log_dir / "server.log"
    text = ""
    with contextlib.suppress(FileNotFoundError), log.open("rb") as file:
        file.seek(since if since <= log.stat().st_size else 0)  # 0: the log was rotated
        text = file.read().decode(errors="replace")
    return [
        text[max(0, m.start() - 300) : m.start() + 1200] for m in SERVER_TRACEBACK.finditer(text)
    ]


def run_profile(database: str, options) -> dict:
    """A whole run: a fresh game with the demo data and the players, started, played, audited,
    stopped (and its PostgreSQL database dropped)."""
    password = secrets.token_urlsafe(16)
    with contextlib.ExitStack() as stack:
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="load-")))
        if database == "postgres":
            server_url = os.environ.get("DATABASE_URL", "")
            if not server_url.startswith(("postgres://", "postgresql://")):
                server_url = DEFAULT_POSTGRES
            url = stack.enter_context(postgres_database(server_url))
            say(f"PostgreSQL database {url.rsplit('/', 1)[-1]} (dropped at the end)")
        else:
            url = f"sqlite:///{workdir / 'game.db3'}"
        made: list[dict] = []

        def prepare(game: Game) -> None:
            made.extend(make_players(game, players=options.players, password=password))

        game = stack.enter_context(running_game(workdir, url, prepare=prepare))
        return play(game, made, options, password=password, workdir=workdir, log_from=0)


def run_on_running_game(game: Game, options, *, workdir: Path) -> dict:
    """A run against a game that is already up with the demo data (the end-to-end tests' shared
    one): nothing is copied, migrated, started or stopped. The players are added under names
    of this run's own, so the game's other accounts and characters are left as they were; the
    audit checks the whole game, theirs included."""
    password = secrets.token_urlsafe(16)
    log_from = server_log_size(game)
    made = make_players(
        game,
        players=options.players,
        password=password,
        tag=secrets.token_hex(3),
        seed_demo=False,
    )
    return play(game, made, options, password=password, workdir=workdir, log_from=log_from)


def play(
    game: Game, players: list[dict], options, *, password: str, workdir: Path, log_from: int
) -> dict:
    """Log the players in, play, audit, and put the result together."""
    measured = asyncio.run(drive(game, players, options, password, workdir))
    if options.pages:
        measured["poll"] = pages.measure_poll(game, _spread(players, 1)[0])
    audited = audit(game)
    tracebacks = server_tracebacks(game, since=log_from)
    database = "postgres" if game.database_url.startswith("postgres") else "sqlite"
    return assemble(database, options, measured, audited, tracebacks)


def assemble(database: str, options, measured: dict, audited: dict, tracebacks: list) -> dict:
    telnet: Results = measured["telnet"]
    api = measured["api"]
    window = measured["window"]
    errors = Counter(telnet.errors) + Counter(api.get("errors", {}))
    examples = telnet.error_examples + api.get("error_examples", [])
    if tracebacks:
        errors["server log traceback"] += len(tracebacks)
        examples += [f"server log: {text}" for text in tracebacks[:3]]
    if telnet.logged_in < options.players:
        errors["players not logged in"] += options.players - telnet.logged_in
    # Commands players typed; the "(marker)" probes only time the reply marker.
    telnet_commands = sum(len(v) for k, v in telnet.latencies.items() if k != "(marker)")
    api_requests = sum(len(v) for v in api.get("latencies", {}).values())
    open_pages = pages.summary(
        {"latencies": api.get("page_latencies", {})},
        users=options.pages,
        window=window,
        poll=measured.get("poll"),
    )
    return {
        "database": database,
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "config": {
            "players": options.players,
            "api_clients": options.api_clients,
            "pages": options.pages,
            "seconds": options.seconds,
            "think_seconds": list(options.think),
            "room_size": ROOM_SIZE,
        },
        "window_seconds": round(window, 1),
        "throughput": {
            "overall": round((telnet_commands + api_requests) / window, 2),
            "telnet": round(telnet_commands / window, 2),
            "api": round(api_requests / window, 2),
        },
        "telnet": report.summarise(telnet.latencies),
        "api": report.summarise(api.get("latencies", {})),
        "pages": open_pages,
        "outcomes": dict(telnet.outcomes)
        | {f"API {k}": v for k, v in api.get("outcomes", {}).items()},
        "errors": {"total": sum(errors.values()), "by_kind": dict(errors), "examples": examples},
        "audit": audited,
    }


def _give_up(signum, frame):
    raise TimeoutError("the load run went past its hard time limit")


def main(argv: list[str] | None = None) -> int:
    options = options_from(argv)
    databases = ("postgres", "sqlite") if options.db == "both" else (options.db,)
    # A hard limit for the whole run: the exception unwinds through the context managers, so
    # the server is stopped and its database dropped even then.
    signal.signal(signal.SIGALRM, _give_up)
    signal.alarm(int(len(databases) * (SETUP_BUDGET + options.seconds)))
    failed = False
    try:
        for database in databases:
            result = run_profile(database, options)
            report.write(result, options.out_dir / f"load-{database}.json")
            print(report.render(result), flush=True)
            failed |= bool(result["errors"]["total"]) or not result["audit"]["clean"]
    finally:
        signal.alarm(0)
    return 1 if failed else 0
