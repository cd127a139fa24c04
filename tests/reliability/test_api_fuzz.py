"""Fuzz the progression API from its own OpenAPI schema with schemathesis, in-process through
Django's WSGI application, as a player and as staff: no 5xx, and every response (status code,
content type, body) matches the schema. The number of examples is bounded so CI stays fast."""

from __future__ import annotations

import base64

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

PASSWORD = "fuzz-password-123"
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

    player = AccountFactory(key="fuzzplayer", password=PASSWORD)
    staff = StaffAccountFactory(key="fuzzstaff", password=PASSWORD)
    CharacterFactory(account=player)
    award_xp(player, 50)
    award_kudos(player, 30, KudosSourceCategoryFactory(name="fuzz"), awarded_by=staff)
    KudosClaimCategoryFactory(name="xp")
    return {"player": player, "staff": staff}


def _basic(username: str) -> dict[str, str]:
    token = base64.b64encode(f"{username}:{PASSWORD}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


def _fuzz(username: str) -> int:
    """Run every operation's generated cases; returns how many operations were exercised."""
    from django.core.wsgi import get_wsgi_application

    api = schemathesis.openapi.from_wsgi("/api/progression/schema/", get_wsgi_application())
    operations = 0
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
            case.call_and_validate(headers=_basic(username), checks=CHECKS)

        exercise()
        operations += 1
    return operations


@pytest.mark.slow
def test_the_api_answers_a_player_within_its_schema(fuzz_accounts):
    assert _fuzz("fuzzplayer") >= 13  # every operation of the schema (13 today)


@pytest.mark.slow
def test_the_api_answers_staff_within_its_schema(fuzz_accounts):
    assert _fuzz("fuzzstaff") >= 13  # every operation of the schema (13 today)
