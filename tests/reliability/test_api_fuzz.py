"""Fuzz the progression API from its own OpenAPI schema with schemathesis, in-process through
Django's WSGI application, as a player and as staff (logged-in sessions sending the CSRF token,
as the page does): no 5xx, and every response (status code, content type, body) matches the
schema. The number of examples is bounded so CI stays fast. Methods and formats outside the
schema: test_api_methods_and_formats.py."""

from __future__ import annotations

from collections import Counter

import pytest
import schemathesis
from django.conf import settings as django_settings
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def in_process_wsgi(db):
    # Requests through the WSGI handler close "old" database connections when they end, which
    # would close the test's own transaction; Django's test client disconnects the same hook.
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def fuzz_accounts(in_process_wsgi):
    from typeclasses.factories import AccountFactory, CharacterFactory, StaffAccountFactory
    from world.progression.factories import KudosClaimCategoryFactory, KudosSourceCategoryFactory
    from world.progression.services import award_kudos, award_xp

    player = AccountFactory(key="fuzzplayer")
    staff = StaffAccountFactory(key="fuzzstaff")
    CharacterFactory(account=player)
    award_xp(player, 50)
    award_kudos(player, 30, KudosSourceCategoryFactory(name="fuzz"), awarded_by=staff)
    KudosClaimCategoryFactory(name="xp")
    return {"player": player, "staff": staff}


def _logged_in(account) -> tuple[dict[str, str], dict[str, str]]:
    """The cookies and headers of a browser logged in as `account`: its session cookie, and the
    CSRF token as a cookie and as the header the page sends."""
    from django.middleware.csrf import get_token
    from django.test import Client, RequestFactory

    browser = Client()
    browser.force_login(account)
    session_cookie = django_settings.SESSION_COOKIE_NAME
    session = browser.cookies[session_cookie].value
    token = get_token(RequestFactory().get("/"))
    cookies = {session_cookie: session, django_settings.CSRF_COOKIE_NAME: token}
    return cookies, {"X-CSRFToken": token}


def _fuzz(account) -> tuple[int, Counter]:
    """Run every operation's generated cases; returns how many operations were exercised and
    how many answers of each status code came back."""
    from django.core.wsgi import get_wsgi_application

    api = schemathesis.openapi.from_wsgi("/api/progression/schema/", get_wsgi_application())
    cookies, headers = _logged_in(account)
    operations, statuses = 0, Counter()
    for result in api.get_all_operations():
        operation = result.ok()

        @settings(
            max_examples=8,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def exercise(case):
            case.cookies = {**(case.cookies or {}), **cookies}
            statuses[case.call_and_validate(headers=headers, checks=CHECKS).status_code] += 1

        exercise()
        operations += 1
    return operations, statuses


@pytest.mark.slow
def test_the_api_answers_a_player_within_its_schema(fuzz_accounts):
    operations, statuses = _fuzz(fuzz_accounts["player"])

    assert operations >= 23  # every operation of the schema (23 today)
    assert statuses[200] and statuses[401] == 0, statuses  # the session and its token hold


@pytest.mark.slow
def test_the_api_answers_staff_within_its_schema(fuzz_accounts):
    operations, statuses = _fuzz(fuzz_accounts["staff"])

    assert operations >= 23  # every operation of the schema (23 today)
    assert statuses[200] and statuses[401] == 0, statuses  # the session and its token hold
