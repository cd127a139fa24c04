"""The measured operations of `make bench` (run in a child process by bench/run.py)."""

from __future__ import annotations

import os
import statistics
import tempfile
import threading
import time
from contextlib import contextmanager
from urllib.parse import urlparse, urlunparse

REPETITIONS = int(os.environ.get("BENCH_REPETITIONS", 200))
WARMUP = 20


def _scratch_database() -> None:
    """Point DATABASE_URL at a database made for this run (dropped and recreated)."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        path = os.path.join(tempfile.mkdtemp(prefix="bench-"), "bench.db3")
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
        return
    import psycopg

    parts = urlparse(url)
    name = parts.path.lstrip("/") + "_bench"
    admin = urlunparse(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = urlunparse(parts._replace(path=f"/{name}"))


def _setup() -> None:
    _scratch_database()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "server.conf.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    import secrets

    import evennia

    evennia._init()
    from evennia.accounts.models import AccountDB
    from evennia.server.initial_setup import create_objects

    # Evennia's own first-start objects: account #1 and Limbo (#2, every character's home).
    AccountDB.objects.create_superuser("benchadmin", "", secrets.token_urlsafe(12))
    create_objects()
    # As the game server does when it starts (server/conf/at_server_startstop.py).
    from server.conf.at_server_startstop import at_server_start

    at_server_start()


def _measure(
    name, operation, *, prepare=None, repetitions=REPETITIONS, floor=None, before=None
) -> dict:
    """Time `operation(i)` `repetitions` times after a warm-up; count its statements once.
    `before()`, when given, runs before each call of `operation`, untimed and uncounted (the
    cold rows replace the catalogue's token with it).

    `floor`, (name, operation), is what `operation` is compared with (the same work as
    hand-written SQL; for the 1,000-unlock shop, the 100-unlock one): it is timed call for call
    alternately with `operation`, so both see the same moments of a busy or idle machine, and
    its row is returned under "floor_row" (the operation's row gets the ratio of the medians).
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    total = WARMUP + repetitions + 1
    inputs = prepare(total) if prepare else list(range(total))
    timed = [(name, operation)] + ([floor] if floor is not None else [])
    for i in range(WARMUP):
        for label, call in timed:
            if before is not None and label == name:
                before()
            call(inputs[i])
    timings: dict[str, list[float]] = {label: [] for label, _ in timed}
    for i in range(WARMUP, WARMUP + repetitions):
        for label, call in timed:
            if before is not None and label == name:
                before()
            started = time.perf_counter()
            call(inputs[i])
            timings[label].append(time.perf_counter() - started)
    rows = {}
    for label, call in timed:
        if before is not None and label == name:
            before()
        with CaptureQueriesContext(connection) as captured:
            call(inputs[-1])
        ordered = sorted(timings[label])
        median = statistics.median(ordered)
        rows[label] = {
            "name": label,
            "statements": len(captured.captured_queries),
            "median_ms": median * 1000,
            "p95_ms": ordered[int(len(ordered) * 0.95) - 1] * 1000,
            "ops_per_second": 1 / median if median else 0,
        }
    row = rows[name]
    if floor is not None:
        row["floor_ratio"] = row["median_ms"] / rows[floor[0]]["median_ms"]
        row["floor_row"] = rows[floor[0]]
    return row


def run_suite() -> dict:
    _setup()
    from django.db import connection

    rows, notes = [], []
    from bench import scenarios

    # BENCH_ONLY=big measures only the big game (bench/big.py), BENCH_ONLY=operations only the rest.
    only = os.environ.get("BENCH_ONLY", "")
    if only != "big":
        rows.extend(scenarios.all_rows(_measure, notes))
    if only != "operations":
        from bench import big

        rows.extend(big.all_rows(_measure, notes))
    return {"vendor": connection.vendor, "rows": rows, "notes": notes}


@contextmanager
def timer():
    started = time.perf_counter()
    holder = {}
    yield holder
    holder["seconds"] = time.perf_counter() - started


__all__ = ["run_suite", "threading", "timer"]
