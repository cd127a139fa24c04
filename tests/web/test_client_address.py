"""The login throttle and every per-address rule see the client's address through Evennia's
portal: the portal relays each request from 127.0.0.1 with the peer it accepted appended to
X-Forwarded-For (server/conf/web_plugins.py; tests/e2e/test_login_throttle_through_portal.py
runs the real portal). An attacker elsewhere cannot lock a player out, and an address a client
writes into the header itself is not believed."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client

from typeclasses.factories import AccountFactory

PASSWORD = "correct-horse-battery"  # the factories' password
ATTACKER = "203.0.113.5"
PLAYER = "198.51.100.7"


@pytest.fixture
def player(db):
    return AccountFactory(key="targeted")


def _from(address: str) -> Client:
    """A client whose requests arrive as the portal relays them: from 127.0.0.1 (the test
    client's REMOTE_ADDR), with X-Forwarded-For ending in the peer the portal accepted."""
    return Client(HTTP_X_FORWARDED_FOR=address)


def _log_in(client: Client, password: str):
    client.get("/auth/login/")
    return client.post("/auth/login/", {"username": "targeted", "password": password})


def _attack(forwarded_for: str) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _log_in(_from(forwarded_for), "wrong password")


def test_wrong_passwords_from_one_address_do_not_lock_out_a_player_at_another(player):
    _attack(ATTACKER)

    assert _log_in(_from(PLAYER), PASSWORD).status_code == 302


def test_the_attackers_own_address_is_locked_out(player):
    _attack(ATTACKER)

    assert _log_in(_from(ATTACKER), PASSWORD).status_code == 429
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [ATTACKER]


def test_an_address_the_client_wrote_into_x_forwarded_for_is_ignored(player):
    # The attacker claims the player's address; the portal appends the attacker's real one.
    _attack(f"{PLAYER}, {ATTACKER}")

    assert _log_in(_from(PLAYER), PASSWORD).status_code == 302
    assert _log_in(_from(f"{PLAYER}, {ATTACKER}"), PASSWORD).status_code == 429


def test_a_configured_trusted_proxy_is_looked_through(player, settings):
    settings.UPSTREAM_IPS = [*settings.UPSTREAM_IPS, "10.0.0.0/8"]
    _attack(f"{ATTACKER}, 10.0.0.2")

    assert _log_in(_from(f"{PLAYER}, 10.0.0.2"), PASSWORD).status_code == 302
    assert _log_in(_from(f"{ATTACKER}, 10.0.0.2"), PASSWORD).status_code == 429


def test_an_untrusted_proxy_is_the_client(player):
    # Without PROGRESSION_TRUSTED_PROXIES, a proxy's own address is all the game believes.
    _attack(f"{ATTACKER}, 10.0.0.2")

    assert _log_in(_from(f"{PLAYER}, 10.0.0.2"), PASSWORD).status_code == 429


def test_a_local_client_is_served_without_an_address_warning(db, monkeypatch):
    from evennia.utils import logger

    warnings = []
    monkeypatch.setattr(
        logger, "log_warn", lambda message, *args, **kwargs: warnings.append(message)
    )

    for path in ("/", "/auth/login/", "/api/progression/account/"):
        _from("127.0.0.1").get(path)

    assert warnings == []
