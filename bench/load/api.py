"""The load run's API clients: locust users, run as a library in a process of their own (locust
patches the standard library for gevent, which the telnet driver's asyncio must not share).

    python -m bench.load.api --host URL --accounts a,b,c [--page-accounts d,e] --seconds N
                             --out FILE

Each user logs in on the website once (a session, as the progression page does: HTTP Basic
would check the password on every request), says so, and waits. The driver writes "go" to
stdin when the telnet players are in too; then the API users read the dashboard and XP history,
claim kudos and buy from their first character's shop, with think time, for N seconds, while
the open pages (one per --page-accounts entry) do nothing but what static/progression/live.js
does: ask account/version/ every 2 s with the last ETag, and reload what the page shows when
the answer is a new version. The latency of every request and every error are written to FILE
as JSON, the pages' apart.

Password: LOAD_PASSWORD in the environment (never on a command line).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import sys
import uuid
from collections import Counter, defaultdict

import gevent
from gevent.event import Event
from locust import HttpUser, between, constant, task
from locust.env import Environment

API = "/api/progression"
# Answers that are the game saying no (already bought, not enough kudos or XP): correct under
# load, so not errors. Anything else but 2xx is.
REFUSALS = {409, 422}
# live.js: the page asks again 2 s after each answer, and on a new version redraws from these.
POLL_SECONDS = 2.0
PAGE_RELOADS = {
    "page dashboard": f"{API}/account/?limit=10&offset=0",
    "page weekly": f"{API}/account/weekly/",
    "page sheets": f"{API}/characters/sheets/",
    "page shops": f"{API}/characters/shops/",
}


class Shared:
    accounts: list[str] = []
    page_accounts: list[str] = []
    password = ""
    next_account = itertools.count()
    next_page_account = itertools.count()
    ready = 0
    go = Event()
    latencies: dict[str, list[float]] = defaultdict(list)
    page_latencies: dict[str, list[float]] = defaultdict(list)
    errors: Counter = Counter()
    error_examples: list[str] = []
    outcomes: Counter = Counter()


def error(kind: str, example: str) -> None:
    Shared.errors[kind] += 1
    if len(Shared.error_examples) < 20:
        Shared.error_examples.append(f"{kind}: {example[:300]}")


def log_in(user: HttpUser, account: str) -> None:
    """A website session for `account`, as a player gets by logging in on the page."""
    user.client.get("/auth/login/", name="login page")
    response = user.client.post(
        "/auth/login/",
        data={
            "username": account,
            "password": Shared.password,
            "csrfmiddlewaretoken": user.client.cookies.get("csrftoken", ""),
        },
        headers={"Referer": f"{user.host}/auth/login/"},
        allow_redirects=False,
        name="login",
    )
    if response.status_code != 302:
        raise RuntimeError(f"{account} could not log in: {response.status_code}")


class ProgressionApiUser(HttpUser):
    wait_time = between(1.0, 3.0)

    def on_start(self) -> None:
        self.account = Shared.accounts[next(Shared.next_account) % len(Shared.accounts)]
        log_in(self, self.account)
        characters = self.client.get(f"{API}/characters/", name="characters").json()
        self.character_id = characters[0]["id"]
        Shared.ready += 1
        Shared.go.wait()

    def writing(self) -> dict[str, str]:
        # Session-authenticated writes need Django's CSRF token, as the page sends it.
        return {"X-CSRFToken": self.client.cookies.get("csrftoken", "")}

    @task(5)
    def dashboard(self) -> None:
        self.client.get(f"{API}/account/", name="dashboard")

    @task(3)
    def xp_history(self) -> None:
        self.client.get(f"{API}/history/xp/?limit=20", name="xp history")

    @task(2)
    def claim(self) -> None:
        with self.client.post(
            f"{API}/kudos/claim/",
            json={"category": "xp", "amount": 10},
            headers={**self.writing(), "Idempotency-Key": uuid.uuid4().hex},
            name="kudos claim",
            catch_response=True,
        ) as response:
            self.judge(response, "kudos claims")

    @task(2)
    def buy(self) -> None:
        shop = self.client.get(f"{API}/characters/{self.character_id}/shop/", name="shop").json()
        offered = [unlock for unlock in shop["available"] if unlock["requirements_met"]]
        if not offered:
            return
        unlock = random.choice(offered)
        with self.client.post(
            f"{API}/characters/{self.character_id}/unlocks/",
            json={"kind": unlock["type"], "id": unlock["id"]},
            headers={**self.writing(), "Idempotency-Key": uuid.uuid4().hex},
            name="buy",
            catch_response=True,
        ) as response:
            self.judge(response, "unlocks bought")

    @staticmethod
    def judge(response, outcome: str) -> None:
        if response.status_code == 201:
            Shared.outcomes[outcome] += 1
            response.success()
        elif response.status_code in REFUSALS:
            Shared.outcomes[f"{outcome}: refused"] += 1
            response.success()
        else:
            response.failure(f"{response.status_code}: {response.text[:200]}")


class OpenPage(HttpUser):
    """A progression page left open: it polls, and reloads only when the version changed."""

    wait_time = constant(POLL_SECONDS)

    def on_start(self) -> None:
        account = Shared.page_accounts[next(Shared.next_page_account) % len(Shared.page_accounts)]
        log_in(self, account)
        self.etag = None
        self.poll()  # the page's first check, before the window: it holds the first ETag
        Shared.ready += 1
        Shared.go.wait()
        # Pages are opened at different moments, so their polls do not come in step.
        gevent.sleep(random.uniform(0, POLL_SECONDS))

    @task
    def poll(self) -> None:
        headers = {"If-None-Match": self.etag} if self.etag else {}
        response = self.client.get(f"{API}/account/version/", headers=headers, name="page poll")
        if response.status_code == 200 and response.headers.get("ETag") != self.etag:
            first = self.etag is None
            self.etag = response.headers.get("ETag")
            if not first:
                for name, url in PAGE_RELOADS.items():
                    self.client.get(url, name=name)


def on_request(request_type, name, response_time, response_length, exception=None, **kwargs):
    if name.startswith("page "):
        response = kwargs.get("response")
        if name == "page poll" and response is not None:
            name = f"page poll {response.status_code}"  # 304 (unchanged) or 200 (changed)
        Shared.page_latencies[name].append(response_time / 1000)
    else:
        Shared.latencies[name].append(response_time / 1000)
    if exception is not None:
        error("http", f"{request_type} {name}: {exception}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", required=True)
    parser.add_argument("--accounts", default="")
    parser.add_argument("--page-accounts", default="")
    parser.add_argument("--seconds", type=float, required=True)
    parser.add_argument("--think", type=float, nargs=2, default=(1.0, 3.0))
    parser.add_argument("--out", required=True)
    options = parser.parse_args()
    Shared.accounts = [name for name in options.accounts.split(",") if name]
    Shared.page_accounts = [name for name in options.page_accounts.split(",") if name]
    Shared.password = os.environ["LOAD_PASSWORD"]
    ProgressionApiUser.wait_time = between(*options.think)
    # Exactly one user per account given, of each kind (a kind with none is left out).
    ProgressionApiUser.fixed_count = len(Shared.accounts)
    OpenPage.fixed_count = len(Shared.page_accounts)
    kinds = [kind for kind in (ProgressionApiUser, OpenPage) if kind.fixed_count]

    environment = Environment(user_classes=kinds, host=options.host)
    environment.events.request.add_listener(on_request)
    runner = environment.create_local_runner()
    users = len(Shared.accounts) + len(Shared.page_accounts)
    runner.start(users, spawn_rate=users)
    while Shared.ready < users:
        if runner.exceptions:
            break
        gevent.sleep(0.2)
    # Logins (and the pages' first check) are not part of the window the driver measures.
    Shared.latencies.clear()
    Shared.page_latencies.clear()
    print("ready" if Shared.ready == users else "failed", flush=True)
    sys.stdin.readline()  # "go", once the telnet players are in
    Shared.go.set()
    gevent.spawn_later(options.seconds, runner.quit)
    runner.greenlet.join()
    for entry in runner.exceptions.values():
        error("exception", f"{entry['count']}x {entry['msg']}")
    with open(options.out, "w") as out:
        json.dump(
            {
                "latencies": Shared.latencies,
                "errors": Shared.errors,
                "error_examples": Shared.error_examples,
                "outcomes": Shared.outcomes,
                "page_latencies": Shared.page_latencies,
                "users": Shared.ready,
            },
            out,
        )


if __name__ == "__main__":
    main()
