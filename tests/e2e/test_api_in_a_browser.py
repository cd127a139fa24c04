"""The progression API in a real browser (Debian's Chromium driven by Playwright) against the
real game server: the browsable API and the Swagger UI docs render, with nothing the content
security policy refuses and no script error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def page(game_server):
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is not installed at {CHROMIUM}; .ci/run installs Debian's chromium")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--no-first-run"]
        )
        page = browser.new_page()
        page.problems = []
        page.on("pageerror", lambda error: page.problems.append(f"page error: {error}"))
        page.on(
            "console",
            lambda message: message.type == "error" and page.problems.append(message.text),
        )
        page.goto(f"{game_server.base_url}/auth/login/")
        page.fill("input[name=username]", "player")
        page.fill("input[name=password]", game_server.player_password)
        page.locator("form button[type=submit], form input[type=submit]").last.click()
        page.wait_for_load_state()
        yield page
        browser.close()


def test_the_browsable_api_renders_in_a_browser(page, game_server):
    page.problems.clear()
    response = page.goto(f"{game_server.base_url}/api/progression/characters/")

    assert response.status == 200
    page.wait_for_selector(".response-info")
    assert "Progression API" in page.locator(".navbar").inner_text()
    assert page.problems == []


def test_the_api_docs_render_in_a_browser(page, game_server):
    page.problems.clear()
    response = page.goto(f"{game_server.base_url}/api/progression/docs/")

    assert response.status == 200
    page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
    assert "Progression API" in page.locator(".swagger-ui .info").inner_text()
    assert page.problems == []
