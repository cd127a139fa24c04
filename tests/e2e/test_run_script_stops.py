"""`bin/run` (what `make run` runs) stops the game and every process it started: on SIGINT sent
to its process group, as a terminal's Ctrl-C sends it, and on SIGTERM sent to it alone, as
`kill`, `timeout` or make (which forwards SIGTERM and nothing else) sends it.

Each run is bin/run itself, in a private copy of the game beside a link to this checkout's venv,
on free ports with its own SQLite database, so a game a developer runs from src/ is untouched.
The portal and the server are twistd daemons in sessions of their own, out of reach of any
signal sent to bin/run's group: only bin/run's stop can end them.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psutil
import pytest

from bench.load import server as game_runner

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
UP_LINE = "The game is up"
# Bounds on waits for a condition (never asserted as durations): migrate on a busy machine is
# the slow part of a start; a stop is Evennia's launcher shutting the server and the portal.
START_BOUND = 300
STOP_BOUND = 120
POLL = 0.2


@dataclass
class RunningScript:
    process: subprocess.Popen
    output: Path
    game: Path

    def read_output(self) -> str:
        return self.output.read_text(errors="replace")


@pytest.fixture(scope="module")
def game_copy(tmp_path_factory) -> Path:
    """bin/run, manage.py and src/ copied, and this checkout's venv linked as `.venv`."""
    root = tmp_path_factory.mktemp("binrun")
    shutil.copytree(
        REPO / "src",
        root / "src",
        ignore=shutil.ignore_patterns(
            "logs", "*.db3*", "*.pid", ".static", ".demo_credentials", "secret_settings.py",
            "__pycache__",
        ),
    )  # fmt: skip
    shutil.copytree(REPO / "bin", root / "bin")
    shutil.copy2(REPO / "manage.py", root / "manage.py")
    (root / ".venv").symlink_to(sys.prefix)
    return root


def script_environment() -> dict[str, str]:
    telnet_port = game_runner._free_port()
    web_port = game_runner._free_port_block(game_runner.WEB_PORTS_USED, avoid={telnet_port})
    # A developer's shell: no test settings, no DATABASE_URL (SQLite in the copy), no PYTHONPATH.
    dropped = ("PYTHONPATH", "DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    return {
        **{key: value for key, value in os.environ.items() if key not in dropped},
        "PROGRESSION_TELNET_PORT": str(telnet_port),
        "PROGRESSION_WEB_PORT": str(web_port),
    }


def interruptible() -> None:
    """In the child before exec: SIGINT as a terminal's foreground job has it. A shell that
    starts pytest in the background ignores SIGINT for it, the ignore passes to children, and
    bash cannot trap a signal ignored when it starts."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.fixture
def running_script(game_copy, tmp_path) -> Iterator[RunningScript]:
    """bin/run started in a process group of its own, once the game answers; afterwards
    whatever of it is still there is killed, so a failure leaves nothing running."""
    output = tmp_path / "run.out"
    with output.open("w") as sink:
        process = subprocess.Popen(
            ["bin/run"],
            cwd=game_copy,
            env=script_environment(),
            stdin=subprocess.DEVNULL,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=interruptible,
        )
    script = RunningScript(process=process, output=output, game=game_copy)
    try:
        deadline = time.monotonic() + START_BOUND
        while UP_LINE not in script.read_output():
            assert process.poll() is None, (
                f"bin/run ended before the game was up:\n{script.read_output()}"
            )
            assert time.monotonic() < deadline, f"the game never came up:\n{script.read_output()}"
            time.sleep(POLL)
        yield script
    finally:
        started = processes_of(script)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        for leftover in alive(started):
            leftover.kill()


def processes_of(script: RunningScript) -> list[psutil.Process]:
    """bin/run, every process below it, and every process naming the copy (the portal and the
    server, daemons reparented away from bin/run, carry their pid file's path in their
    command line)."""
    mine: dict[int, psutil.Process] = {}
    try:
        top = psutil.Process(script.process.pid)
        for process in [top, *top.children(recursive=True)]:
            mine[process.pid] = process
    except psutil.NoSuchProcess:
        pass
    for process in psutil.process_iter(["cmdline"]):
        if process.pid == os.getpid():
            continue
        if any(str(script.game) in part for part in process.info["cmdline"] or ()):
            mine[process.pid] = process
    return list(mine.values())


def alive(processes: list[psutil.Process]) -> list[psutil.Process]:
    """Those still running: a zombie has exited (this machine's init may be slow to reap)."""
    running = []
    for process in processes:
        try:
            if process.is_running() and process.status() != psutil.STATUS_ZOMBIE:
                running.append(process)
        except psutil.NoSuchProcess:
            pass
    return running


def describe(processes: list[psutil.Process]) -> list[str]:
    described = []
    for process in processes:
        try:
            described.append(f"{process.pid} {' '.join(process.cmdline())}")
        except psutil.Error:
            described.append(f"{process.pid} (gone)")
    return described


def stops_everything(script: RunningScript, send) -> None:
    started = processes_of(script)
    commands = "\n".join(describe(started))
    # What bin/run starts and must stop: the portal, the server and the log follower.
    assert "portal.py" in commands, commands
    assert "server.py" in commands, commands
    assert "tail " in commands, commands

    send(script.process.pid)

    deadline = time.monotonic() + STOP_BOUND
    while alive(started) and time.monotonic() < deadline:
        time.sleep(POLL)
    assert not alive(started), "\n".join(
        ["still running:", *describe(alive(started)), script.read_output()]
    )
    assert script.process.poll() is not None


def test_ctrl_c_stops_the_game_and_every_process_bin_run_started(running_script):
    # A terminal's Ctrl-C goes to the whole foreground process group.
    stops_everything(running_script, lambda pid: os.killpg(pid, signal.SIGINT))


def test_sigterm_to_bin_run_alone_stops_the_game_and_every_process_it_started(running_script):
    stops_everything(running_script, lambda pid: os.kill(pid, signal.SIGTERM))
