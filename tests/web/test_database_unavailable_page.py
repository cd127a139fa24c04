"""While the database is away or locked, a page answers a styled 503 in the site's look, one
sentence and Retry-After, as the API answers its JSON 503; not the error page's 500.

The database is made unavailable below the whole site, where Django runs every query
(`connection.execute_wrapper`): each query raises the OperationalError a locked SQLite or an
unreachable PostgreSQL raises, on either database, whether the session read in the middleware
or the view's own query meets it first."""

from contextlib import contextmanager

import pytest
from django.db import OperationalError, connection
from django.test import Client

from world.progression.api.errors import DATABASE_UNAVAILABLE

pytestmark = pytest.mark.django_db


@contextmanager
def database_unavailable():
    def refuse(execute, sql, params, many, context):
        raise OperationalError("database is locked")

    with connection.execute_wrapper(refuse):
        yield


@pytest.fixture
def visitor():
    return Client(raise_request_exception=False)


@pytest.fixture
def player(account):
    client = Client(raise_request_exception=False)
    client.force_login(account)
    return client


def assert_the_styled_503(response):
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    assert int(response["Retry-After"]) > 0
    assert DATABASE_UNAVAILABLE["detail"] in html
    assert "website/css/website.css" in html  # the site's look
    assert 'class="navbar' in html  # and its menu
    assert "Traceback" not in html


def test_the_front_page_is_a_styled_503_while_the_database_is_away(visitor):
    with database_unavailable():
        response = visitor.get("/", HTTP_ACCEPT="text/html")

    assert_the_styled_503(response)


def test_the_progression_page_is_a_styled_503_while_the_database_is_away(player):
    with database_unavailable():
        response = player.get("/progression/", HTTP_ACCEPT="text/html")

    assert_the_styled_503(response)


def test_the_api_stays_a_json_503_while_the_database_is_away(player):
    with database_unavailable():
        response = player.get("/api/progression/account/", HTTP_ACCEPT="text/html")

    assert response.status_code == 503
    assert response.json()["code"] == "database_unavailable"
    assert int(response["Retry-After"]) > 0


def test_a_bug_on_a_page_is_still_the_500_page(player):
    with connection.execute_wrapper(lambda *args: 1 / 0):
        response = player.get("/progression/")

    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")
