"""An error raised before the API's own handler sees it (in the middleware, reading the session)
is answered as JSON under /api/, never as the site's HTML error page; pages keep that page."""

import json

import pytest
from django.db import OperationalError, connection
from django.test import Client, RequestFactory

from web.api import server_error

pytestmark = pytest.mark.django_db


def test_a_failing_session_read_under_the_api_is_answered_as_json(account):
    client = Client(raise_request_exception=False)
    client.force_login(account)
    with connection.cursor() as cursor:  # rolled back with the test's transaction
        cursor.execute("DROP TABLE django_session")

    response = client.get("/api/progression/account/")

    assert response["Content-Type"] == "application/json"
    # SQLite calls a missing table an OperationalError (what a database away raises too);
    # PostgreSQL a ProgrammingError, which is a bug of ours rather than an outage.
    if connection.vendor == "sqlite":
        assert (response.status_code, response.json()["code"]) == (503, "database_unavailable")
        assert response["Retry-After"]
    else:
        assert (response.status_code, response.json()["code"]) == (500, "server_error")


@pytest.mark.parametrize(
    ("error", "status", "code"),
    [
        (OperationalError("the database is away"), 503, "database_unavailable"),
        (ValueError("a bug"), 500, "server_error"),
    ],
)
def test_the_handler_answers_api_errors_as_json(error, status, code):
    request = RequestFactory().get("/api/progression/account/")
    try:
        raise error
    except Exception:
        response = server_error(request)

    assert response.status_code == status
    assert json.loads(response.content)["code"] == code


def test_the_handler_leaves_pages_their_error_page():
    request = RequestFactory().get("/progression/")
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(request)

    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")
