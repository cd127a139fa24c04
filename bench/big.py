"""`make bench` at a big game's size: every player command and the dashboard for a random sample
of characters, and the economy report over the whole ledger.

The game is made by `world.progression.demo.generate` on the bench's scratch database: the small
size (1,000 accounts, 3,000 characters, 100,000 ledger rows) by default, the issue's big size
(10,000 / 30,000 / 1,000,000) with `make bench BIG=1` or BENCH_SIZE=big. Commands run as the
command handler runs them (the command class with its caller, account and a telnet session;
at_pre_cmd, parse, func, at_post_cmd) and what they send is checked, so a refusal is not timed
as an answer. Targets: a constant number of statements whatever the size, p95 <= 20 ms per
command and for the dashboard, the report <= 2 s, the what-if simulator <= 5 s.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from datetime import date, timedelta

SEED = 14
# Each command renders Evennia tables (tens of ms): 100 samples keep the run to minutes.
REPETITIONS = min(int(os.environ.get("BENCH_REPETITIONS", 100)), 100)
REPORT_REPETITIONS = 3


def size():
    from world.progression.demo.generate import BIG, SMALL

    big = os.environ.get("BENCH_SIZE") == "big" or os.environ.get("BIG") not in (None, "", "0")
    return ("big", BIG) if big else ("small", SMALL)


def all_rows(measure, notes):
    from django.db.models import Max
    from evennia.objects.models import ObjectDB

    from world.progression.demo.generate import generate

    name, game = size()
    first_generated = (ObjectDB.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
    started = time.perf_counter()
    counts = generate(game, seed=SEED)
    notes.append(
        f"{name} game: {game.accounts:,} accounts, {game.characters:,} characters, "
        f"{sum(counts[k] for k in ('xp', 'kudos', 'character_xp', 'development')):,} ledger "
        f"rows, generated in {time.perf_counter() - started:.0f} s"
    )
    label = f"[{name}]"
    pick = Sampler(random.Random(SEED), first_generated)
    clock = DatabaseClock()
    timed = [
        (typed, lambda player, typed=typed: player.run(typed), None)
        for typed in ("xp", "xp/history", "kudos", "unlocks", "dev")
    ]
    timed += [
        ("unlock <name> (its price)", lambda player: player.run(f"unlock {player.wanted}"), 1),
        (
            "unlock/confirm <name> (buys it)",
            lambda player: player.run(f"unlock/confirm {player.wanted}", expect="You unlock"),
            1,
        ),
        (
            "dashboard GET /api/progression/account/",
            lambda client: _ok(client.get("/api/progression/account/")),
            2,
        ),
    ]
    preparations = {
        None: lambda n: [Player(c) for c in pick.characters(n)],
        1: pick.buyers,
        2: lambda n: [_client(c.account_id) for c in pick.characters(n)],
    }
    for title, operation, kind in timed:
        clock.calls.clear()
        yield measure(
            f"{label} {title}",
            clock.timing(operation),
            prepare=preparations[kind],
            repetitions=REPETITIONS,
        )
        notes.append(f"{label} {title}: {clock.summary()}")
    yield _report_row(label)
    yield _simulation_row(label)


class DatabaseClock:
    """How much of each call was spent waiting for the database (the rest is Python: parsing,
    the ORM, and Evennia's table rendering)."""

    def __init__(self):
        self.calls: list[float] = []

    def timing(self, operation):
        from django.db import connection

        def wrapper(execute, sql, params, many, context):
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                self.spent += time.perf_counter() - started

        def timed(argument):
            self.spent = 0.0
            with connection.execute_wrapper(wrapper):
                operation(argument)
            self.calls.append(self.spent)

        return timed

    def summary(self) -> str:
        ordered = sorted(self.calls)
        median = statistics.median(ordered) * 1000
        p95 = ordered[int(len(ordered) * 0.95) - 1] * 1000
        return f"database time median {median:.2f} ms, p95 {p95:.2f} ms"


class Player:
    """A generated character, played by its owner over a telnet session: `run("xp")`."""

    def __init__(self, owned, wanted: str = ""):
        from evennia.accounts.models import AccountDB
        from evennia.objects.models import ObjectDB

        self.character = ObjectDB.objects.get(pk=owned.character_id)
        self.account = AccountDB.objects.get(pk=owned.account_id)
        self.wanted = wanted
        self.session = _session(self.account)
        # A player who is logged in has had their account's and character's attributes (the
        # options, the playable-character list) read into Evennia's cache already; options
        # never set are cached as missing after their first read, as a player's first command
        # does.
        self.account.attributes.all()
        self.character.attributes.all()
        self.account.options.all()

    def run(self, typed: str, *, expect: str | None = None) -> str:
        from world.progression.commands import PROGRESSION_COMMANDS

        cut = min((typed.find(mark) for mark in "/ " if mark in typed), default=len(typed))
        name, args = typed[:cut], typed[cut:]
        command = next(c for c in PROGRESSION_COMMANDS if c.key == name)()
        command.caller = command.obj = self.character
        command.account, command.session = self.account, self.session
        command.cmdname = command.cmdstring = command.raw_cmdname = name
        command.args, command.raw_string, command.cmdset = args, typed, None
        _SENT.clear()
        command.at_pre_cmd()
        command.parse()
        command.func()
        command.at_post_cmd()
        text = "\n".join(str(sent.get("text", "")) for sent in _SENT)
        if text.startswith("|r") or (expect and expect not in text):
            raise RuntimeError(f"{typed!r} as {self.character.key} answered: {text[:200]}")
        return text


class Sampler:
    """Random generated characters, never the same one twice in a run (a purchase changes it)."""

    def __init__(self, rng: random.Random, first_id: int):
        from world.progression.models import CharacterOwner

        self.owned = list(CharacterOwner.objects.filter(pk__gte=first_id).order_by("pk"))
        rng.shuffle(self.owned)

    def characters(self, n: int) -> list:
        taken, self.owned = self.owned[:n], self.owned[n:]
        return taken

    def buyers(self, n: int) -> list[Player]:
        """`n` players, each with an unlock its character can buy now (the first affordable one
        its shop offers)."""
        from world.progression.commands.base import unlock_command_text
        from world.progression.services import get_available_unlocks_for_character

        buyers = []
        while len(buyers) < n:
            for owned in self.characters(n - len(buyers)):
                player = Player(owned)
                shop = get_available_unlocks_for_character(player.character)
                entry = next((e for e in shop["available"] if e["affordable"]), None)
                if entry is not None:
                    player.wanted = unlock_command_text(entry["unlock"]).removeprefix("unlock ")
                    buyers.append(player)
        return buyers


_SENT: list[dict] = []


def _session(account):
    """A telnet session logged in as `account`, whose output is kept in _SENT."""
    import evennia
    from evennia.server.serversession import ServerSession

    handler = evennia.SESSION_HANDLER
    handler.data_out = lambda session, **kwargs: _SENT.append(kwargs)
    session = ServerSession()
    session.init_session("telnet", ("127.0.0.1", "bench"), handler)
    session.sessid, session.uid, session.account, session.logged_in = 1, account.pk, account, True
    return session


def _client(account_id):
    from django.test import Client
    from evennia.accounts.models import AccountDB

    client = Client(HTTP_HOST="localhost")  # a host the game answers to (ALLOWED_HOSTS)
    client.force_login(AccountDB.objects.get(pk=account_id))
    # A player's first request after logging in shares the login with the webclient (one
    # session write); the timed requests are the ones that follow, as on a page left open.
    _ok(client.get("/api/progression/account/"))
    return client


def _ok(response):
    if response.status_code != 200:
        raise RuntimeError(f"dashboard answered {response.status_code}")


def _report_row(label: str) -> dict:
    """The economy report over the whole year, timed a few times (each reads every row)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from world.progression.selectors import economy_report

    end = date.today()
    start = end - timedelta(days=366)
    economy_report(start, end)
    timings = []
    for _ in range(REPORT_REPETITIONS):
        started = time.perf_counter()
        economy_report(start, end)
        timings.append(time.perf_counter() - started)
    with CaptureQueriesContext(connection) as captured:
        economy_report(start, end)
    median = statistics.median(timings)
    return {
        "name": f"{label} economy report, a year of every ledger row",
        "statements": len(captured.captured_queries),
        "median_ms": median * 1000,
        "p95_ms": max(timings) * 1000,
        "ops_per_second": 1 / median if median else 0,
    }


def _simulation_row(label: str) -> dict:
    """The what-if simulator (`progression_simulate`) over the last eight weeks, with a change
    to every kind of input: the first chart's top entry doubled, every class 10% dearer, scene
    points per use and the vote scale changed. Target: at most 5 s."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from world.classes.models import CharacterClass
    from world.progression.models import XPCostEntry
    from world.progression.selectors.simulation import proposed_change, simulate

    top = XPCostEntry.objects.select_related("chart").order_by("chart__name", "-level").first()
    change = proposed_change(
        charts=[f"{top.chart.name}:{top.level}={top.xp_cost * 2}"] if top else [],
        class_modifiers=[
            f"{name}=110" for name in CharacterClass.objects.values_list("name", flat=True)
        ],
        scene_points_per_use=3,
        vote_scale="4,3,2,1",
    )
    timings = []
    for _ in range(REPORT_REPETITIONS):
        started = time.perf_counter()
        simulate(change, weeks=8)
        timings.append(time.perf_counter() - started)
    with CaptureQueriesContext(connection) as captured:
        simulate(change, weeks=8)
    median = statistics.median(timings)
    return {
        "name": f"{label} what-if simulator, 8 weeks, every kind of change",
        "statements": len(captured.captured_queries),
        "median_ms": median * 1000,
        "p95_ms": max(timings) * 1000,
        "ops_per_second": 1 / median if median else 0,
    }
