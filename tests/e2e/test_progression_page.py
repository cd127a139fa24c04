"""The Progression page in a real browser (Debian's Chromium driven by Playwright) against the
real game server: log in, claim kudos through the form, buy an unlock after confirming it, see
the balances move; the character sheet after a path and goal are set over telnet, with the
achievement the path earned; every width."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from test_telnet_session import TelnetClient

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# `PROGRESSION_SCREENSHOT=docs/progression-page.png make test` refreshes the README's pictures
# (that file at 1280 px, and docs/progression-page-390.png at 390 px); otherwise the screenshots
# stay in the tests' temporary directories.
SCREENSHOT_COPY = os.environ.get("PROGRESSION_SCREENSHOT")


def _keep_screenshot(page, tmp_path, width: int) -> None:
    shot = tmp_path / f"progression-page-{width}.png"
    page.screenshot(path=str(shot), full_page=True)
    if SCREENSHOT_COPY:
        target = Path(SCREENSHOT_COPY)
        if width != 1280:
            target = target.with_name(f"{target.stem}-{width}{target.suffix}")
        shutil.copyfile(shot, target)


# What the page needs beyond the demo data, made through the services as staff would.
SETUP = """
from evennia.accounts.models import AccountDB
from world.classes.models import CharacterClass
from world.progression import services
from world.progression.models import (
    ClassLevelUnlock, ClassXPCost, KudosClaimCategory, KudosSourceCategory, XPCostChart,
    XPCostEntry,
)
player = AccountDB.objects.get(username="player")
friend = AccountDB.objects.get(username="friend")
source, _ = KudosSourceCategory.objects.get_or_create(
    name="e2e-good-sport", defaults={"display_name": "Good sport (browser test)"})
KudosClaimCategory.objects.get_or_create(
    name="xp", defaults={"display_name": "XP", "kudos_cost": 10, "reward_amount": 3})
services.award_kudos(player, 40, source, "<script>alert('x')</script> kept the scene going",
                     awarded_by=friend, idempotency_key="e2e-page-kudos")
services.award_xp(player, 100, description="Browser test stake", idempotency_key="e2e-page-xp")
fencer, _ = CharacterClass.objects.get_or_create(name="Fencer")
chart, _ = XPCostChart.objects.get_or_create(name="E2E chart")
XPCostEntry.objects.get_or_create(chart=chart, level=1, defaults={"xp_cost": 25})
ClassXPCost.objects.get_or_create(character_class=fencer, defaults={"cost_chart": chart})
ClassLevelUnlock.objects.get_or_create(character_class=fencer, target_level=1)
"""


@pytest.fixture(scope="module")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is not installed at {CHROMIUM}; .ci/run installs Debian's chromium")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _number(page, element_id: str) -> int:
    # A function, not an expression: Playwright evaluates a bare expression with eval(), which
    # the page's content security policy (rightly) refuses.
    page.wait_for_function(
        f"() => document.getElementById('{element_id}').textContent.trim() !== '\u2013'"
    )
    return int(page.locator(f"#{element_id}").inner_text())


def test_a_player_claims_kudos_and_buys_an_unlock_on_the_page(game_server, browser):
    game_server.manage("shell", "-c", SETUP)
    page = browser.new_page(viewport={"width": 1200, "height": 1000})
    problems: list[str] = []
    rejected: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))

    def on_console(message):
        # Chromium logs every non-2xx answer; the one this test provokes (the 422 for claiming
        # too much) is counted apart. Any other error fails, a script or stylesheet the content
        # security policy refused included.
        if message.type != "error":
            return
        if "status of 422" in message.text:
            rejected.append(message.text)
        else:
            problems.append(f"console: {message.text}")

    page.on("console", on_console)

    page.goto(f"{game_server.base_url}/auth/login/")
    page.fill("input[name=username]", "player")
    page.fill("input[name=password]", game_server.player_password)
    page.locator("form button[type=submit], form input[type=submit]").last.click()
    page.wait_for_load_state()
    page.goto(f"{game_server.base_url}/progression/")

    # Bootstrap comes from the game itself: the navigation bar is laid out by it.
    navbar = page.locator("nav.navbar").first
    assert navbar.evaluate("node => getComputedStyle(node).display") == "flex"

    kudos_before = _number(page, "kudos-available")
    xp_before = _number(page, "xp-available")
    assert kudos_before >= 40 and xp_before >= 100

    # A description is shown as text: the <script> in it is not run or parsed.
    page.wait_for_selector("#kudos-history tr")
    assert "<script>alert('x')</script>" in page.locator("#kudos-history").inner_text()

    page.select_option("#claim-category", "xp")
    page.fill("#claim-amount", "20")
    page.click("#claim-form button[type=submit]")
    page.wait_for_selector("#flash.alert-success")
    assert _number(page, "kudos-available") == kudos_before - 20
    assert _number(page, "xp-available") == xp_before + 6

    # Claiming more than the balance shows the API's reason and changes nothing.
    page.fill("#claim-amount", "1000")
    page.click("#claim-form button[type=submit]")
    page.wait_for_selector("#flash.alert-danger")
    assert "Insufficient kudos" in page.locator("#flash").inner_text()
    assert _number(page, "kudos-available") == kudos_before - 20

    # The purchase spends the character's own XP first, then the account's: 25 in all.
    buy = page.locator("button.buy[data-name='Fencer level 1']").first
    section = page.locator(f".shop[data-character-id='{buy.get_attribute('data-character')}']")
    character_xp = section.locator(".character-xp")
    spendable_before = _number(page, "xp-available") + int(character_xp.get_attribute("data-total"))
    buy.click()
    # Buy asks first: the price, and what each pool gives, adding up to it. Nothing is spent.
    confirm = page.locator("#confirm")
    confirm.wait_for(state="visible")
    assert "Price: 25 XP" in confirm.inner_text()
    parts = confirm.locator(".confirm-pools li").evaluate_all(
        "nodes => nodes.map(n => [n.dataset.pool, Number(n.dataset.part)])"
    )
    assert [pool for pool, _ in parts] == ["locked", "transferable", "account"]
    assert sum(part for _, part in parts) == 25
    page.locator("#confirm-cancel").click()
    confirm.wait_for(state="hidden")
    page.reload()
    spendable_now = _number(page, "xp-available") + int(character_xp.get_attribute("data-total"))
    assert spendable_now == spendable_before
    assert section.locator("button.buy[data-name='Fencer level 1']").count() == 1

    section.locator("button.buy[data-name='Fencer level 1']").click()
    page.locator("#confirm-buy").click()
    page.wait_for_selector("#flash.alert-success")
    assert "Unlocked Fencer level 1" in page.locator("#flash").inner_text()
    assert page.locator("#confirm").is_hidden()
    spendable_after = _number(page, "xp-available") + int(character_xp.get_attribute("data-total"))
    assert spendable_after == spendable_before - 25
    assert "Fencer level 1" in section.inner_text()  # now listed under "Bought"
    assert section.locator("button.buy[data-name='Fencer level 1']").count() == 0

    assert problems == []
    assert len(rejected) == 1  # only the claim for more kudos than the player has


# A shop answer on either API shape: one character's shop, or every shop in one request.
SHOP_REQUEST = re.compile(r"/api/progression/(characters/\d+/shop|characters/shops)/(\?.*)?$")
TOP_UP_KUDOS = """
services.award_kudos(player, 10, source, "overlap test", awarded_by=friend,
                     idempotency_key="e2e-page-overlap-kudos")
"""


def _log_in(page, game_server) -> None:
    page.goto(f"{game_server.base_url}/auth/login/")
    page.fill("input[name=username]", "player")
    page.fill("input[name=password]", game_server.player_password)
    page.locator("form button[type=submit], form input[type=submit]").last.click()
    page.wait_for_load_state()


def test_overlapping_refreshes_draw_each_shop_once(game_server, browser):
    game_server.manage("shell", "-c", SETUP + TOP_UP_KUDOS)
    page = browser.new_page(viewport={"width": 1200, "height": 1000})
    _log_in(page, game_server)
    held = []

    def hold_the_first_shop_answer(route):
        if held:
            route.continue_()
        else:
            held.append(route)

    page.route(SHOP_REQUEST, hold_the_first_shop_answer)
    # The page's first load asks for the shops; its answer is held back...
    with page.expect_request(SHOP_REQUEST):
        page.goto(f"{game_server.base_url}/progression/")
    # ...while a claim refreshes the page again, and that refresh is drawn in full.
    page.wait_for_selector("#claim-category option[value=xp]", state="attached")
    page.select_option("#claim-category", "xp")
    page.fill("#claim-amount", "10")
    page.click("#claim-form button[type=submit]")
    page.wait_for_selector("#flash.alert-success")
    assert len(held) == 1
    drawn = page.locator(".shop").evaluate_all("nodes => nodes.map(n => n.dataset.characterId)")
    assert drawn

    # The first load's answer arrives last, and is dropped.
    held[0].continue_()
    page.wait_for_function(
        "() => document.getElementById('progression').dataset.shopLoadsSettled === '2'"
    )

    sections = page.locator(".shop")
    ids = sections.evaluate_all("nodes => nodes.map(n => n.dataset.characterId)")
    assert ids == drawn
    for index in range(sections.count()):
        assert sections.nth(index).locator(".character-xp").count() == 1
    page.close()


def test_the_sheet_shows_the_path_and_goal_set_over_telnet_with_what_is_missing(
    game_server, browser
):
    telnet = TelnetClient(game_server.host, game_server.telnet_port)
    try:
        telnet.read_until("connect <username> <password>")
        telnet.send(f"connect player {game_server.player_password}")
        assert "You become Bren." in telnet.run("ic Bren")
        assert "Seeker" in telnet.run("path/confirm Seeker")
        assert "Your goal is now Scholar level 3." in telnet.run("plan/set scholar 3")
        # The game's own goal line says what is missing, as the page will.
        assert "still missing:" in telnet.run("xp")
    finally:
        telnet.close()

    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    _log_in(page, game_server)
    page.goto(f"{game_server.base_url}/progression/")
    sheet = page.locator(".sheet[data-character='Bren']")
    sheet.locator(".timeline li").first.wait_for()

    timeline = sheet.locator(".timeline").text_content()  # as written, not as styled
    assert "Seeker" in timeline and "Prospect" in timeline
    assert "Curious about everything." in timeline  # the path's description
    goal = sheet.locator(".sheet-goal")
    assert "Goal: Scholar level 3" in goal.inner_text()
    assert goal.locator("progress").count() == 1
    missing = goal.locator(".missing").inner_text()
    assert "Lore" in missing  # Scholar 2 needs Lore 1.2; Bren has 0.9
    assert "Read the Codex of Tides" in missing
    assert "Scholar 1" in sheet.locator(".sheet-classes").inner_text()
    assert sheet.locator(".trait").count() >= 8
    # The path chosen over telnet earned Pathfinder; the demo's tourney, First scene.
    earned = sheet.locator(".achievement.earned .achievement-name").all_text_contents()
    assert {"Pathfinder", "First scene"} <= set(earned), earned
    regular = sheet.locator(".achievement[data-achievement='ten_scenes']")
    assert regular.locator(".achievement-progress").text_content() == "1/10"
    assert regular.locator("progress").count() == 1
    page.close()


def _overflow(page) -> int:
    return page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")


def _load_everything(page, game_server) -> None:
    _log_in(page, game_server)
    page.goto(f"{game_server.base_url}/progression/")
    page.locator(".sheet").first.wait_for()
    page.locator(".shop").first.wait_for()
    page.locator("#kudos-history tr").first.wait_for()
    page.locator("#weekly-chart svg").wait_for()


def test_the_page_fits_a_390_px_phone(game_server, browser, tmp_path):
    game_server.manage("shell", "-c", SETUP)
    page = browser.new_page(viewport={"width": 390, "height": 844})
    _load_everything(page, game_server)

    assert _overflow(page) <= 0
    # The confirmation fits too.
    page.locator("button.buy").first.click()
    page.locator("#confirm").wait_for(state="visible")
    assert _overflow(page) <= 0
    box = page.locator("#confirm").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    page.locator("#confirm-cancel").click()
    _keep_screenshot(page, tmp_path, 390)
    page.close()


def test_at_1280_px_dates_keep_to_one_line_and_the_chart_is_readable(
    game_server, browser, tmp_path
):
    game_server.manage("shell", "-c", SETUP)
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    _load_everything(page, game_server)

    lines = page.locator("td.date, .timeline .date").evaluate_all(
        """nodes => nodes.map(n => {
            const range = document.createRange();
            range.selectNodeContents(n);
            return range.getClientRects().length;
        })"""
    )
    assert lines and set(lines) == {1}
    # Axis labels and legend at least 11 px as drawn (the chart is not scaled down).
    sizes = page.locator("#weekly-chart text, #weekly-chart .legend li").evaluate_all(
        """nodes => nodes.map(n => {
            const svg = n.closest('svg');
            const scale = svg ? svg.getBoundingClientRect().width / svg.viewBox.baseVal.width : 1;
            return parseFloat(getComputedStyle(n).fontSize) * scale;
        })"""
    )
    assert sizes and min(sizes) >= 11
    assert page.locator("#weekly-chart .legend li").count() == 2
    # The claim form starts on a category the player can afford.
    kudos = _number(page, "kudos-available")
    cost = page.locator("#claim-category").evaluate(
        "select => Number(select.selectedOptions[0].dataset.cost)"
    )
    assert cost <= kudos
    _keep_screenshot(page, tmp_path, 1280)
    page.close()


def test_an_award_over_telnet_shows_on_the_open_page_within_5_seconds(game_server, browser):
    expect = pytest.importorskip("playwright.sync_api").expect
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    _log_in(page, game_server)
    page.goto(f"{game_server.base_url}/progression/")
    before = _number(page, "xp-available")

    telnet = TelnetClient(game_server.host, game_server.telnet_port)
    try:
        telnet.read_until("connect <username> <password>")
        telnet.send(f"connect admin {game_server.admin_password}")
        assert "You award" in telnet.run("xp/award player = 7 : Seen live")
    finally:
        telnet.close()

    # No reload: the open page notices the change by itself.
    expect(page.locator("#xp-available")).to_have_text(str(before + 7), timeout=5000)
    page.close()
