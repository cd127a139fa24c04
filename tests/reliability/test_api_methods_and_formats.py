"""Every route of the progression API asked with every method, in every format and as a browser
asks, anonymously, as a player and as staff: no answer is a 5xx, and every error is JSON
`{code, detail}`. (Bodies are fuzzed from the schema by test_api_fuzz.py.)"""

from __future__ import annotations

from collections import Counter

import pytest
from django.test import Client

from typeclasses.factories import CharacterFactory, StaffAccountFactory
from world.progression.models import StaffAction
from world.progression.services.approvals import request_staff_action

METHODS = ("GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE")
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"  # as Chromium asks
# How a client may ask for a format: nothing, ?format= (DRF's override), or an Accept header.
FORMATS = (
    ({}, {}),
    ({"format": "json"}, {}),
    ({"format": "api"}, {}),
    ({"format": "yaml"}, {}),
    ({"format": "nonsense"}, {}),
    ({}, {"HTTP_ACCEPT": BROWSER}),
    ({}, {"HTTP_ACCEPT": "application/json"}),
    ({}, {"HTTP_ACCEPT": "application/xml"}),
    ({}, {"HTTP_ACCEPT": "*/*"}),
)
# What a body-taking method sends: nothing, an empty JSON object, broken JSON, and a form.
BODIES = (
    {},
    {"data": "{}", "content_type": "application/json"},
    {"data": "{not json", "content_type": "application/json"},
    {"data": "amount=5&category=xp", "content_type": "application/x-www-form-urlencoded"},
)


def _ask(client: Client, method: str, path: str) -> list:
    answers = []
    for query, headers in FORMATS:
        bodies = BODIES if method in ("POST", "PUT", "PATCH") else ({},)
        for body in bodies:
            url = path
            if query:
                url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
            response = client.generic(method, url, **body, **headers)
            answers.append((method, url, headers.get("HTTP_ACCEPT"), response))
    return answers


def _walk(client: Client, routes) -> tuple[int, Counter, list]:
    """Every method and format on every route: the number of requests, the status codes, and
    every answer that breaks the rules (a 5xx, or an error that is not JSON {code, detail})."""
    statuses, broken, requests = Counter(), [], 0
    for route in routes:
        for method in METHODS:
            for method_, url, accept, response in _ask(client, method, route.path):
                requests += 1
                statuses[response.status_code] += 1
                if response.status_code >= 500 or (
                    response.status_code >= 400 and method_ != "HEAD" and not _is_error(response)
                ):
                    broken.append((method_, url, accept, response.status_code, response.content))
    return requests, statuses, broken


def _is_error(response) -> bool:
    if not response["Content-Type"].startswith("application/json"):
        return False
    body = response.json()
    return isinstance(body, dict) and {"code", "detail"} <= set(body)


@pytest.fixture
def clients(account, staff_account):
    player, staff = Client(raise_request_exception=False), Client(raise_request_exception=False)
    player.force_login(account)
    staff.force_login(staff_account)
    return {"anonymous": Client(raise_request_exception=False), "player": player, "staff": staff}


@pytest.mark.slow
@pytest.mark.parametrize("who", ["anonymous", "player", "staff"])
def test_no_method_or_format_breaks_the_api(
    who, clients, api_routes, account, staff_account, capsys
):
    character = CharacterFactory(account=account)
    # A large award another staff member asked for: the staff client may decide it.
    request = request_staff_action(
        action=StaffAction.AWARD_ACCOUNT_XP,
        requested_by=StaffAccountFactory(),
        account=account,
        amount=500,
    ).request
    routes = api_routes(character_id=character.pk, request_id=request.pk)

    requests, statuses, broken = _walk(clients[who], routes)

    with capsys.disabled():
        print(f"\n{who}: {requests} requests, {len(routes)} routes, {sorted(statuses.items())}")
    assert len(routes) >= 16
    assert not broken, [b for b in broken if b[3] >= 500][:5] or broken[:5]
