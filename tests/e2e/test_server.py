"""The real game, started as `make run` starts it: telnet, the website, the admin and the API."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
TELNET_READ_TIMEOUT = 30  # seconds to wait for the connection screen

# Makes sure the demo `player` has an active "xp" claim category and enough kudos to claim one
# unit of it, whatever the demo ledgers seeded; prints the category as JSON.
ENSURE_CLAIMABLE_KUDOS = """
import json
import os
from world.progression.models import KudosClaimCategory, KudosPointsData, KudosSourceCategory
from world.progression.services.kudos import award_kudos
from world.progression.demo.base import demo_account

player = demo_account("player")
category, _ = KudosClaimCategory.objects.get_or_create(
    name="xp", defaults={"display_name": "XP", "kudos_cost": 10, "reward_amount": 1}
)
if not category.is_active:
    category.is_active = True
    category.save(update_fields=["is_active"])
row = KudosPointsData.objects.filter(account=player).first()
available = row.total_earned - row.total_claimed if row else 0
if available < category.kudos_cost:
    source, _ = KudosSourceCategory.objects.get_or_create(
        name="e2e-setup", defaults={"display_name": "End-to-end test set-up"}
    )
    award_kudos(player, category.kudos_cost - available, source, "end-to-end test set-up")
print(json.dumps({"name": category.name, "cost": category.kudos_cost,
                  "reward": category.reward_amount}))
"""


class WebClient:
    """A browser-like HTTP session: cookies, Django's CSRF token, redirects followed."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.cookies = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def request(
        self, path: str, *, data: bytes | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, str, str]:
        """(status, final URL, body); 4xx/5xx are returned, not raised."""
        request = urllib.request.Request(self.base_url + path, data=data, headers=headers or {})
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.url, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.url, error.read().decode()

    def get(self, path: str) -> tuple[int, str, str]:
        return self.request(path)

    def cookie(self, name: str) -> str:
        return next(cookie.value for cookie in self.cookies if cookie.name == name)

    def post_json(self, path: str, payload: dict) -> tuple[int, str, str]:
        # Session-authenticated API calls need Django's CSRF token in a header.
        return self.request(
            path,
            data=json.dumps(payload).encode(),
            headers={
                "Content-Type": "application/json",
                "X-CSRFToken": self.cookie("csrftoken"),
                "Referer": self.base_url + "/",
            },
        )

    def log_in(self, username: str, password: str) -> tuple[int, str, str]:
        status, _url, form = self.get("/auth/login/")
        assert status == 200
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        body = urllib.parse.urlencode(
            {"username": username, "password": password, "csrfmiddlewaretoken": token}
        ).encode()
        return self.request(
            "/auth/login/", data=body, headers={"Referer": self.base_url + "/auth/login/"}
        )


def read_telnet_until(host: str, port: int, expected: bytes) -> bytes:
    """Everything the server sent until `expected` arrived (or it closed, or time ran out)."""
    received = b""
    deadline = time.monotonic() + TELNET_READ_TIMEOUT
    with socket.create_connection((host, port), timeout=TELNET_READ_TIMEOUT) as sock:
        while expected not in received and time.monotonic() < deadline:
            try:
                chunk = sock.recv(4096)
            except TimeoutError:
                break
            if not chunk:
                break
            received += chunk
    return received


def test_telnet_port_sends_the_connection_screen(game_server):
    received = read_telnet_until(
        game_server.host, game_server.telnet_port, b"connect <username> <password>"
    )

    assert b"Welcome to" in received, received
    assert b"connect <username> <password>" in received


def test_front_page_is_served(game_server):
    status, _url, body = WebClient(game_server.base_url).get("/")

    assert status == 200
    assert "Progression" in body


def test_demo_superuser_logs_in_over_http_and_opens_the_admin(game_server):
    client = WebClient(game_server.base_url)

    status, url, _body = client.log_in("admin", game_server.admin_password)
    assert status == 200
    assert not url.endswith("/auth/login/"), "the login form came back: credentials refused"

    # /admin/ is Evennia's admin front page; Django's own index lives at /admin/django/.
    status, url, body = client.get("/admin/")
    assert (status, urllib.parse.urlparse(url).path) == (200, "/admin/")
    assert 'href="/admin/accounts/accountdb/"' in body
    status, url, body = client.get("/admin/django/")
    assert (status, urllib.parse.urlparse(url).path) == (200, "/admin/django/")
    assert "Site administration" in body
    # The index is grouped by concern: the progression ledgers come first, each linked.
    assert 'href="/admin/progression/xptransaction/"' in body


def test_wrong_password_does_not_open_the_admin(game_server):
    client = WebClient(game_server.base_url)

    client.log_in("admin", game_server.admin_password + "-wrong")
    _status, url, _body = client.get("/admin/")

    assert urllib.parse.urlparse(url).path == "/admin/login/"


def test_player_claims_kudos_over_the_api_and_the_dashboard_shows_it(game_server):
    output = game_server.manage("shell", "-c", ENSURE_CLAIMABLE_KUDOS).stdout
    category = json.loads(output.strip().splitlines()[-1])
    client = WebClient(game_server.base_url)
    client.log_in("player", game_server.player_password)

    status, _url, body = client.get("/api/progression/account/")
    assert status == 200, body
    before = json.loads(body)

    status, _url, body = client.post_json(
        "/api/progression/kudos/claim/",
        {"category": category["name"], "amount": category["cost"]},
    )
    assert status == 201, body
    assert json.loads(body)["reward_amount"] == category["reward"]

    after = json.loads(client.get("/api/progression/account/")[2])
    assert after["kudos"]["current_available"] == (
        before["kudos"]["current_available"] - category["cost"]
    )
    assert after["kudos"]["total_claimed"] == before["kudos"]["total_claimed"] + category["cost"]
    assert after["xp"]["current_available"] == (
        before["xp"]["current_available"] + category["reward"]
    )


def test_api_refuses_an_anonymous_visitor(game_server):
    status, _url, body = WebClient(game_server.base_url).get("/api/progression/account/")

    assert status in (401, 403), body


def test_make_run_with_an_unreachable_database_prints_one_line_naming_it():
    result = subprocess.run(
        ["bin/run"],
        cwd=REPO,
        env={
            **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
            "DATABASE_URL": "postgres://postgres@127.0.0.1:1/nowhere",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )

    output = (result.stdout + result.stderr).strip().splitlines()
    assert result.returncode == 1
    assert len(output) == 1, output
    assert '"nowhere"' in output[0]
