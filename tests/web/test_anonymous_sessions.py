"""Anonymous requests leave no session row behind: a crawler or a flood of unauthenticated API
calls cannot fill the session table (Evennia's login sharing saved an empty session for every
request without a cookie)."""

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

pytestmark = pytest.mark.django_db

ANONYMOUS_PATHS = [
    "/api/progression/account/",
    "/api/progression/",
    "/",
    "/auth/login/",
    "/auth/register",
    "/characters/",
    "/progression/",
    "/help/",
    "/channels/",
]


@pytest.mark.parametrize("path", ANONYMOUS_PATHS)
def test_anonymous_requests_create_no_session_rows(path):
    before = Session.objects.count()

    for _ in range(5):
        Client().get(path)

    assert Session.objects.count() == before


def test_a_failed_api_login_creates_no_session_row(account):
    before = Session.objects.count()

    response = Client().get(
        "/api/progression/account/", HTTP_AUTHORIZATION="Basic d3Jvbmc6d3Jvbmc="
    )

    assert response.status_code in (401, 403)
    assert Session.objects.count() == before


def test_the_webclient_page_still_gets_a_session_to_share_its_login_with_the_website():
    response = Client().get("/webclient/")

    assert response.status_code == 200
    key = response.context["browser_sessid"]
    assert key and Session.objects.filter(session_key=key).exists()
