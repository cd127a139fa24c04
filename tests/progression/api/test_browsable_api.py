"""The API opens in a browser: DRF's browsable HTML on every GET route (the schema as JSON a
browser shows, not a download), an API root, Swagger UI docs from the game's own files, and
OPTIONS describing each route's body."""

import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from typeclasses.factories import CharacterFactory
from world.progression.models import StaffAction
from world.progression.services.approvals import request_staff_action

pytestmark = pytest.mark.django_db
HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"  # as Chromium asks
SHOWN_IN_A_BROWSER = ("text/html", "application/json")
ROOT = "/api/progression/"


@pytest.fixture
def get_routes(api_routes):
    return lambda character, *, staff, request_id=None: [
        route
        for route in api_routes(character_id=character.pk, request_id=request_id)
        if "GET" in route.methods and (staff or "/staff/" not in route.path)
    ]


# GET routes that answer only with query parameters (a purchase preview names its unlock).
NEEDS_PARAMETERS = ("/quote/",)


def test_every_get_route_opens_in_a_browser_for_a_player(player, character, get_routes):
    answers = {
        route.path: player.get(route.path, HTTP_ACCEPT=HTML)
        for route in get_routes(character, staff=False)
        if not route.path.endswith(NEEDS_PARAMETERS)
    }

    assert len(answers) >= 10
    for path, response in answers.items():
        assert response.status_code == 200, (path, response.status_code, response.content[:300])
        assert response["Content-Type"].startswith(SHOWN_IN_A_BROWSER), path


def test_a_route_that_needs_parameters_names_them_as_json_in_a_browser(
    player, character, get_routes
):
    routes = [r for r in get_routes(character, staff=False) if r.path.endswith(NEEDS_PARAMETERS)]

    assert routes
    for route in routes:
        response = player.get(route.path, HTTP_ACCEPT=HTML)
        assert response.status_code == 400
        assert response.json()["code"] == "invalid" and response.json()["fields"]


def test_every_get_route_opens_in_a_browser_for_staff(staff, staff_account, account, get_routes):
    character = CharacterFactory(account=staff_account)
    request = request_staff_action(
        action=StaffAction.AWARD_ACCOUNT_XP, requested_by=staff_account, account=account, amount=500
    ).request
    routes = get_routes(character, staff=True, request_id=request.pk)

    assert f"{ROOT}staff/approvals/{request.pk}/" in {route.path for route in routes}
    for route in routes:
        if route.path.endswith(NEEDS_PARAMETERS):
            continue
        response = staff.get(route.path, HTTP_ACCEPT=HTML)

        assert response.status_code == 200, (route.path, response.content[:300])
        assert response["Content-Type"].startswith(SHOWN_IN_A_BROWSER), route.path


def test_format_api_answers_the_browsable_page(player, character):
    response = player.get(f"{ROOT}characters/", {"format": "api"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert character.key in response.content.decode()


def test_the_browsable_page_runs_only_the_games_own_scripts(player):
    html = player.get(f"{ROOT}account/", HTTP_ACCEPT=HTML).content.decode()
    sources = re.findall(r'<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"', html)

    assert sources
    assert not [source for source in sources if "//" in source], sources
    # DRF's one inline <script> is a JSON data block, which no browser runs.
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert all('type="application/json"' in attributes for attributes in inline), inline


def test_an_error_is_json_for_a_browser_too(player):
    response = player.get(f"{ROOT}characters/999999/shop/", HTTP_ACCEPT=HTML)

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_the_api_root_links_every_endpoint_without_an_id_and_the_docs(player):
    response = player.get(ROOT)

    assert response.status_code == 200
    links = response.json()
    assert {"account/", "history/xp/", "characters/", "kudos/claim/", "docs", "schema"} <= set(
        links
    )
    assert links["docs"] == "http://testserver/api/progression/docs/"


def test_the_api_root_opens_in_a_browser(anonymous_client):
    response = anonymous_client.get(ROOT, HTTP_ACCEPT=HTML)

    assert response.status_code == 200
    assert "/api/progression/characters/" in response.content.decode()


def test_the_docs_are_swagger_ui_served_by_the_game(anonymous_client):
    response = anonymous_client.get(f"{ROOT}docs/", HTTP_ACCEPT=HTML)

    assert response.status_code == 200
    html = response.content.decode()
    scripts = re.findall(r'<script\b[^>]*\bsrc="([^"]+)"', html)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "an inline script"
    assets = [s for s in scripts if s.startswith(settings.STATIC_URL)]
    assert any("swagger-ui-bundle" in asset for asset in assets)
    for asset in assets:
        assert finders.find(asset.removeprefix(settings.STATIC_URL)), asset
    (start_up,) = [s for s in scripts if not s.startswith(settings.STATIC_URL)]
    script = anonymous_client.get(start_up.replace("&amp;", "&"))
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "/api/progression/schema/" in script.content.decode()


def test_options_on_a_post_route_describes_its_body(player):
    response = player.options(f"{ROOT}kudos/claim/")

    assert response.status_code == 200
    assert {"category", "amount"} <= set(response.json()["actions"]["POST"])
