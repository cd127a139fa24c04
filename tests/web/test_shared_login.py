"""Login sharing between the website and the webclient (web/middleware.py): Evennia's behaviour
on pages, and no session write on an API call once the login is shared."""

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

API = "/api/progression/account/"
pytestmark = pytest.mark.django_db


@pytest.fixture
def player(account):
    client = Client()
    client.force_login(account)
    return client


def _session(client) -> dict:
    return Session.objects.get(session_key=client.session.session_key).get_decoded()


def _session_writes(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries
        if "django_session" in q["sql"] and not q["sql"].lstrip().upper().startswith("SELECT")
    ]


def test_the_first_api_call_after_logging_in_shares_the_login_with_the_webclient(player, account):
    assert player.get(API).status_code == 200

    session = _session(player)
    assert session["website_authenticated_uid"] == account.id
    assert session["webclient_authenticated_uid"] == account.id


def test_later_api_calls_do_not_write_the_session(player):
    player.get(API)
    with CaptureQueriesContext(connection) as later:
        assert player.get(API).status_code == 200

    assert _session_writes(later.captured_queries) == []


def test_a_page_still_raises_the_webclients_nonce_as_evennia_does(player):
    player.get(API)
    before = _session(player).get("webclient_authenticated_nonce", 0)

    player.get("/progression/")

    assert _session(player)["webclient_authenticated_nonce"] == before + 1


def test_an_api_call_from_a_webclient_only_login_logs_into_the_website(account):
    client = Client()
    session = client.session
    session["webclient_authenticated_uid"] = account.id
    session.save()
    client.cookies["sessionid"] = session.session_key

    assert client.get(API).status_code == 200
