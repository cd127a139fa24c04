"""Every ledger in the Django admin fits a 1280 px screen (Debian's Chromium driven by Playwright,
against the real game server): no sideways scrolling of the page or of the result table, dates
on one line, long descriptions cut short with the whole text on hover."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.apps import apps
from django.db import models
from test_progression_page import CHROMIUM, CHROMIUM_ARGS

from web.adminsite import CONCERNS

pytestmark = pytest.mark.slow

WIDTH = 1280
# Ledger rows as staff write them, for the friend's character (the player's page is other
# tests'), each with a long description: a sentence and an unbroken run a browser cannot wrap.
LONG = (
    "Awarded after the three-evening siege of the lighthouse, for keeping the newcomers in the "
    "story, writing the harbour master's letters and running the storm scene when the GM's "
    "connection dropped; see https://example.org/logs/2025/lighthouse-siege-part-three-final"
)
SETUP = f"""
from evennia.accounts.models import AccountDB
from evennia.objects.models import ObjectDB
from world.classes.models import CharacterClass
from world.progression import services
from world.progression.models import (
    ClassLevelUnlock, ClassXPCost, KudosSourceCategory, XPCostChart, XPCostEntry,
)
from world.progression.services.corrections import correct_class_level, correct_trait_value
from world.progression.types import ProgressionReason
from world.traits.models import Trait

LONG = {LONG!r}
GM = ProgressionReason.GM_AWARD
friend = AccountDB.objects.get(username="friend")
staff = AccountDB.objects.get(username="admin")
corin = ObjectDB.objects.get(db_key="Corin")
lore = Trait.objects.get(name="Lore")
warrior = CharacterClass.objects.get(name="Warrior")
source = KudosSourceCategory.objects.get(name="good_sport")
cartographer, _ = CharacterClass.objects.get_or_create(name="Cartographer of the Outer Reaches")
chart, _ = XPCostChart.objects.get_or_create(name="Admin width chart")
ClassXPCost.objects.get_or_create(character_class=cartographer, defaults={{"cost_chart": chart}})
unlocks = []
for level in (1, 2, 3):
    XPCostEntry.objects.get_or_create(chart=chart, level=level, defaults={{"xp_cost": 5}})
    unlocks.append(
        ClassLevelUnlock.objects.get_or_create(character_class=cartographer, target_level=level)[0]
    )
for step, unlock in enumerate(unlocks):
    services.award_xp(friend, 20, GM, LONG, gm=staff, character=corin)
    services.award_character_xp(corin, 5, transferable=step % 2 == 0, reason=GM,
                                description=LONG, gm=staff)
    services.award_kudos(friend, 5, source, LONG, awarded_by=staff, character=corin)
    services.award_development(character=corin, trait=lore, amount=5, reason=GM,
                               description=LONG, gm=staff)
    correct_trait_value(corin, lore, 1 if step % 2 == 0 else -1, gm=staff, reason_text=LONG)
    correct_class_level(corin, warrior, 1 if step % 2 == 0 else -1, gm=staff, reason_text=LONG)
    bought = services.purchase_unlock(corin, unlock, gm=staff)
services.refund_unlock(bought, staff, LONG)
# A story achievement granted and revoked, each with the long reason.
services.grant_achievement(character=corin, key="slew_the_dragon", staff=staff, reason=LONG)
services.revoke_achievement(character=corin, key="slew_the_dragon", staff=staff, reason=LONG)
"""

# Per ledger page: how far the page and the result table reach past their room, the date cells
# drawn on more than one line, and the descriptions cut short without their whole text.
MEASURE = """dateColumns => {
    const table = document.getElementById('result_list');
    const container = table.closest('.results') || table.parentElement;
    const lines = cell => {
        const tops = new Set();
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            const range = document.createRange();
            range.selectNodeContents(walker.currentNode);
            for (const rect of range.getClientRects()) tops.add(Math.round(rect.top));
        }
        return tops.size;
    };
    const wrapped = [];
    for (const column of dateColumns) {
        for (const cell of table.querySelectorAll(`.field-${column}`)) {
            if (cell.textContent.trim() && lines(cell) > 1) wrapped.push(cell.textContent.trim());
        }
    }
    const descriptions = [...table.querySelectorAll('.field-summary')];
    return {
        rows: table.querySelectorAll('tbody tr').length,
        pageOverflow: document.documentElement.scrollWidth - window.innerWidth,
        tableOverflow: Math.max(
            table.getBoundingClientRect().right - container.getBoundingClientRect().right,
            container.scrollWidth - container.clientWidth,
        ),
        wrapped,
        descriptions: descriptions.length,
        untitled: descriptions.filter(cell => {
            const shown = cell.querySelector('[title]');
            return !shown || shown.title.length < shown.textContent.trim().length;
        }).length,
    };
}"""


def _ledgers() -> list[type[models.Model]]:
    return [apps.get_model(label) for label in CONCERNS["Ledgers"]]


def _date_columns(model: type[models.Model]) -> list[str]:
    return [
        field.name
        for field in model._meta.get_fields()
        if isinstance(field, models.DateField | models.DateTimeField)
    ]


@pytest.fixture(scope="module")
def staff_page(game_server):
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is not installed at {CHROMIUM}; .ci/run installs Debian's chromium")
    game_server.manage("shell", "-c", SETUP)
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": WIDTH, "height": 900})
        page.goto(f"{game_server.base_url}/auth/login/")
        page.fill("input[name=username]", "admin")
        page.fill("input[name=password]", game_server.admin_password)
        page.locator("form button[type=submit], form input[type=submit]").last.click()
        page.wait_for_load_state()
        yield page
        browser.close()


def test_every_ledger_fits_1280_px_with_dates_on_one_line(staff_page, game_server):
    found = {}
    for model in _ledgers():
        meta = model._meta
        url = f"{game_server.base_url}/admin/{meta.app_label}/{meta.model_name}/"
        response = staff_page.goto(url)
        assert response.status == 200, url
        found[meta.label] = staff_page.evaluate(MEASURE, _date_columns(model))

    for label, measured in found.items():
        assert measured["rows"] >= 2, label
        assert measured["pageOverflow"] <= 0, (label, measured)
        assert measured["tableOverflow"] <= 0, (label, measured)
        assert measured["wrapped"] == [], (label, measured)


def test_ledger_descriptions_are_cut_short_with_the_whole_text_on_hover(staff_page, game_server):
    for model in _ledgers():
        if not any(field.name == "description" for field in model._meta.get_fields()):
            continue
        meta = model._meta
        staff_page.goto(f"{game_server.base_url}/admin/{meta.app_label}/{meta.model_name}/")
        measured = staff_page.evaluate(MEASURE, [])
        assert measured["descriptions"] == measured["rows"], meta.label
        assert measured["untitled"] == 0, meta.label
        assert LONG in [
            cell.get_attribute("title")
            for cell in staff_page.locator(".field-summary [title]").all()
        ], meta.label
