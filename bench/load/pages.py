"""The open progression pages of a load run: what their polling cost the server.

The pages themselves are locust users (bench/load/api.py, OpenPage). This module counts, after
the window, the statements one unchanged poll runs against the run's own database (in
`manage.py shell`, through Django's test client: the real view, middleware and session on the
data the run left), with the plan the database chose for each; and it puts the pages' numbers
together for the report.
"""

from __future__ import annotations

import json
import os

from .report import summarise
from .server import REPO, Game, say

VERSION_URL = "/api/progression/account/version/"
# Words in a query plan that mean the database read a whole table (or a whole index) rather
# than looking rows up: SQLite's SCAN (its lookups say SEARCH), PostgreSQL's Seq Scan.
FULL_SCAN = {"sqlite": " SCAN ", "postgres": "Seq Scan"}
NOT_A_TABLE = "SCAN CONSTANT ROW"  # SQLite's word for a SELECT without a table


def poll_statements(account: str) -> dict:
    """Run inside `manage.py shell`: the statements of one 304 poll by `account`, each with the
    database's plan for it."""
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from evennia.accounts.models import AccountDB

    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(AccountDB.objects.get(username=account))
    etag = client.get(VERSION_URL)["ETag"]  # the first request after logging in saves a session
    with CaptureQueriesContext(connection) as captured:
        status = client.get(VERSION_URL, headers={"If-None-Match": etag}).status_code
    vendor = "sqlite" if connection.vendor == "sqlite" else "postgres"
    explain = "EXPLAIN QUERY PLAN " if vendor == "sqlite" else "EXPLAIN "
    statements = []
    with transaction.atomic(), connection.cursor() as cursor:
        if vendor == "postgres":
            # On a load run's small tables PostgreSQL may rightly prefer reading a table whole;
            # the question here is whether an index serves the poll once tables grow, which is
            # the plan it falls back to when a whole read is priced out.
            cursor.execute("SET LOCAL enable_seqscan = off")
        for query in captured.captured_queries:
            cursor.execute(explain + query["sql"])
            plan = "\n".join(" ".join(str(part) for part in row) for row in cursor.fetchall())
            statements.append({"sql": query["sql"], "plan": plan})
    return {"status": status, "database": vendor, "statements": statements}


def main() -> None:
    """Entry point for `manage.py shell -c`: the account comes from the environment."""
    print(json.dumps(poll_statements(os.environ["LOAD_POLL_ACCOUNT"])))


def measure_poll(game: Game, account: str) -> dict:
    say("counting the statements of one unchanged poll")
    output = game.manage(
        "shell",
        "-c",
        "from bench.load.pages import main; main()",
        extra_env={
            "PYTHONPATH": f"{game.game_dir}{os.pathsep}{REPO}",
            "LOAD_POLL_ACCOUNT": account,
        },
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def full_scans(measured: dict) -> int:
    """How many of the poll's statements read some table whole (none should)."""
    word = FULL_SCAN[measured["database"]]
    return sum(
        word in line and NOT_A_TABLE not in line
        for statement in measured["statements"]
        for line in statement["plan"].splitlines()
    )


def summary(pages: dict, *, users: int, window: float, poll: dict | None) -> dict:
    """The pages' cost: requests/s, the share of polls answered 304, the latency of each kind of
    request, and the statements of one unchanged poll."""
    latencies = pages.get("latencies", {})
    unchanged = len(latencies.get("page poll 304", []))
    polls = sum(len(v) for k, v in latencies.items() if k.startswith("page poll"))
    requests = sum(len(v) for v in latencies.values())
    result = {
        "pages": users,
        "requests_per_second": round(requests / window, 2) if window else 0.0,
        "polls_per_second": round(polls / window, 2) if window else 0.0,
        "share_304": round(unchanged / polls, 3) if polls else 0.0,
        "latency": summarise(latencies),
    }
    if poll is not None:
        result["statements_per_poll"] = len(poll["statements"])
        result["full_scans_per_poll"] = full_scans(poll)
        result["poll_status"] = poll["status"]
        result["poll_statements"] = poll["statements"]
    return result
