"""Through the real portal and server: the login throttle sees each web client's own address,
so an attacker's wrong passwords lock out only the attacker, and the address a client writes
into X-Forwarded-For is not believed. The two clients connect from different loopback
addresses (127.0.0.2 and 127.0.0.3, which are not trusted proxies)."""

from __future__ import annotations

import http.client
import re
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest

pytestmark = pytest.mark.slow

ATTACKER = "127.0.0.2"
PLAYER = "127.0.0.3"
FAILURE_LIMIT = 5  # settings.AXES_FAILURE_LIMIT's default


def _log_in(game, source: str, password: str, headers: dict[str, str] | None = None) -> int:
    """Open the login form and post it, from a connection bound to `source`; the status."""
    connection = http.client.HTTPConnection(
        game.host, game.web_port, timeout=30, source_address=(source, 0)
    )
    try:
        connection.request("GET", "/auth/login/", headers=headers or {})
        form = connection.getresponse()
        page = form.read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        cookie = SimpleCookie(form.getheader("Set-Cookie"))["csrftoken"].value
        connection.request(
            "POST",
            "/auth/login/",
            body=urlencode(
                {"username": "player", "password": password, "csrfmiddlewaretoken": token}
            ),
            headers={
                **(headers or {}),
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={cookie}",
            },
        )
        answer = connection.getresponse()
        answer.read()
        return answer.status
    finally:
        connection.close()


def test_an_attacker_elsewhere_cannot_lock_a_player_out_of_the_web_login(game_server):
    # The attacker also claims the player's address in X-Forwarded-For.
    forged = {"X-Forwarded-For": PLAYER}
    for _ in range(FAILURE_LIMIT):
        assert _log_in(game_server, ATTACKER, "wrong password", forged) in (200, 429)

    assert _log_in(game_server, ATTACKER, game_server.player_password, forged) == 429
    assert _log_in(game_server, PLAYER, game_server.player_password) == 302
