"""Every progression API error is JSON `{code, detail}`: malformed bodies, out-of-range report
dates, a database that is busy or away, and bugs."""

import pytest
from django.db import OperationalError
from django.test import Client
from rest_framework.test import APIRequestFactory

from world.progression.api.errors import progression_exception_handler


@pytest.fixture
def player(account):
    client = Client()
    client.force_login(account)
    return client


@pytest.fixture
def staff(staff_account):
    client = Client()
    client.force_login(staff_account)
    return client


def test_a_deeply_nested_json_body_is_a_json_400(player):
    depth = 100_000
    response = player.post(
        "/api/progression/kudos/claim/",
        data="[" * depth + "]" * depth,
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"


@pytest.mark.parametrize(
    "query",
    ["start=2026-01-01&end=9999-12-31", "start=0001-01-01&end=2026-01-01", "end=0001-01-07"],
)
def test_a_report_date_out_of_range_is_a_json_400(staff, query):
    response = staff.get(f"/api/progression/staff/report/?{query}")

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


def test_a_report_over_the_widest_accepted_range_answers(staff):
    response = staff.get("/api/progression/staff/report/?start=1900-01-01&end=9998-12-31")

    assert response.status_code == 200


def _context():
    return {"request": APIRequestFactory().get("/api/progression/account/")}


def test_a_locked_or_unreachable_database_is_a_json_503_with_retry_after():
    response = progression_exception_handler(OperationalError("database is locked"), _context())

    assert response.status_code == 503
    assert response.data["code"] == "database_unavailable"
    assert int(response.headers["Retry-After"]) > 0


def test_an_unexpected_error_is_a_json_500_without_its_details():
    response = progression_exception_handler(KeyError("secret internals"), _context())

    assert response.status_code == 500
    assert response.data == {"code": "server_error", "detail": "Something went wrong on our side."}
