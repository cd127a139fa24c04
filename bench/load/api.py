"""The load run's API clients: locust users, run as a library in a process of their own (locust
patches the standard library for gevent, which the telnet driver's asyncio must not share).

    python -m bench.load.api --host URL --accounts a,b,c --seconds N --out FILE

Each user logs in on the website once (a session, as the progression page does: HTTP Basic
would check the password on every request), says so, and waits. The driver writes "go" to
stdin when the telnet players are in too; then the users read the dashboard and XP history,
claim kudos and buy from their first character's shop, with think time, for N seconds.
The latency of every request and every error are written to FILE as JSON.

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
from locust import HttpUser, between, task
from locust.env import Environment

API = "/api/progression"
# Answers that are the game saying no (already bought, not enough kudos or XP): correct under
# load, so not errors. Anything else but 2xx is.
REFUSALS = {409, 422}


class Shared:
    accounts: list[str] = []
    password = ""
    next_account = itertools.count()
    ready = 0
    go = Event()
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: Counter = Counter()
    error_examples: list[str] = []
    outcomes: Counter = Counter()


def error(kind: str, example: str) -> None:
    Shared.errors[kind] += 1
    if len(Shared.error_examples) < 20:
        Shared.error_examples.append(f"{kind}: {example[:300]}")


class ProgressionApiUser(HttpUser):
    wait_time = between(1.0, 3.0)

    def on_start(self) -> None:
        self.account = Shared.accounts[next(Shared.next_account) % len(Shared.accounts)]
        self.client.get("/auth/login/", name="login page")
        response = self.client.post(
            "/auth/login/",
            data={
                "username": self.account,
                "password": Shared.password,
                "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
            },
            headers={"Referer": f"{self.host}/auth/login/"},
            allow_redirects=False,
            name="login",
        )
        if response.status_code != 302:
            raise RuntimeError(f"{self.account} could not log in: {response.status_code}")
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


def on_request(request_type, name, response_time, response_length, exception=None, **kwargs):
    Shared.latencies[name].append(response_time / 1000)
    if exception is not None:
        error("http", f"{request_type} {name}: {exception}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", required=True)
    parser.add_argument("--accounts", required=True)
    parser.add_argument("--seconds", type=float, required=True)
    parser.add_argument("--think", type=float, nargs=2, default=(1.0, 3.0))
    parser.add_argument("--out", required=True)
    options = parser.parse_args()
    Shared.accounts = options.accounts.split(",")
    Shared.password = os.environ["LOAD_PASSWORD"]
    ProgressionApiUser.wait_time = between(*options.think)

    environment = Environment(user_classes=[ProgressionApiUser], host=options.host)
    environment.events.request.add_listener(on_request)
    runner = environment.create_local_runner()
    users = len(Shared.accounts)
    runner.start(users, spawn_rate=users)
    while Shared.ready < users:
        if runner.exceptions:
            break
        gevent.sleep(0.2)
    # Logins are not part of the window the driver measures.
    Shared.latencies.clear()
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
                "users": Shared.ready,
            },
            out,
        )


if __name__ == "__main__":
    main()
