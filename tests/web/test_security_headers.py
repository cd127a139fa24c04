"""The website's security headers and self-hosted assets, as a browser receives them."""

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def player(account):
    client = Client()
    client.force_login(account)
    return client


@pytest.fixture
def progression_page(player):
    response = player.get("/progression/")
    assert response.status_code == 200
    return response


def test_pages_cannot_be_framed(progression_page):
    assert progression_page.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in progression_page.headers["Content-Security-Policy"]


def test_content_types_are_not_sniffed(progression_page, player):
    assert progression_page.headers["X-Content-Type-Options"] == "nosniff"
    assert player.get("/api/progression/account/").headers["X-Content-Type-Options"] == "nosniff"


def test_the_referrer_stays_on_the_site(progression_page):
    assert progression_page.headers["Referrer-Policy"] == "same-origin"


def test_scripts_may_come_from_the_game_only(progression_page):
    policy = dict(
        directive.strip().split(" ", 1)
        for directive in progression_page.headers["Content-Security-Policy"].split(";")
    )
    assert policy["script-src"] == "'self'"
    assert policy["default-src"] == "'self'"
    assert policy["object-src"] == "'none'"


def test_the_page_loads_no_script_or_stylesheet_from_elsewhere(progression_page):
    html = progression_page.content.decode()
    sources = re.findall(r'<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"', html)

    assert sources
    assert not [source for source in sources if "//" in source], sources
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "an inline script"


@pytest.mark.parametrize(
    "asset",
    [
        "vendor/bootstrap/css/bootstrap.min.css",
        "vendor/bootstrap/js/bootstrap.bundle.min.js",
        "vendor/jquery/jquery.min.js",
    ],
)
def test_the_page_links_assets_the_game_serves_itself(progression_page, asset):
    assert f"{settings.STATIC_URL}{asset}" in progression_page.content.decode()
    assert finders.find(asset), asset


def test_the_front_page_and_login_page_carry_the_policy_too(db):
    for path in ("/", "/auth/login/"):
        response = Client().get(path)
        assert response.status_code == 200, path
        assert "script-src 'self'" in response.headers["Content-Security-Policy"], path
        assert response.headers["X-Frame-Options"] == "DENY", path


def _allowed_hosts(**environment) -> list[str]:
    script = "from django.conf import settings; print(' '.join(settings.ALLOWED_HOSTS))"
    env = {k: v for k, v in os.environ.items() if k != "PROGRESSION_ALLOWED_HOSTS"}
    env |= {"DJANGO_SETTINGS_MODULE": "server.conf.settings", "PYTHONPATH": "."} | environment
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO / "src", env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_hosts_default_to_this_machine():
    assert _allowed_hosts() == ["localhost", "127.0.0.1", "[::1]"]


def test_hosts_come_from_the_environment():
    hosts = _allowed_hosts(PROGRESSION_ALLOWED_HOSTS="game.example.org, www.game.example.org")

    assert hosts == ["game.example.org", "www.game.example.org"]


def test_the_secret_key_is_the_games_own():
    from evennia import settings_default

    assert settings.SECRET_KEY != settings_default.SECRET_KEY
    assert len(settings.SECRET_KEY) >= 50


def test_a_secret_key_is_written_once_for_the_owner_only(tmp_path):
    from server.conf.settings import _ensure_secret_settings

    path = tmp_path / "secret_settings.py"
    _ensure_secret_settings(path)
    first = path.read_text()
    _ensure_secret_settings(path)

    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text() == first
    namespace = {}
    exec(first, namespace)
    assert len(namespace["SECRET_KEY"]) >= 50


def test_the_logged_out_page_sends_the_visitor_home_without_an_inline_script(account):
    client = Client()
    client.force_login(account)

    response = client.post("/auth/logout/")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<meta http-equiv="refresh" content="2;url=/">' in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)


def test_the_webclient_keeps_its_inline_scripts_but_cannot_be_framed(db):
    response = Client().get("/webclient/")

    assert response.status_code == 200
    assert response.headers["Content-Security-Policy"] == "frame-ancestors 'none'"
    assert response.headers["X-Frame-Options"] == "DENY"
