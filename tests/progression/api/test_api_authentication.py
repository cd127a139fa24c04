"""The API's one credential is the website's session, with Django's CSRF token on every write:
it sends no Basic challenge a browser would remember, and takes no password in a header."""

import base64

import pytest
from django.middleware.csrf import get_token
from django.test import RequestFactory
from rest_framework.test import APIClient

from world.progression.factories import KudosClaimCategoryFactory
from world.progression.models import KudosPointsData

pytestmark = pytest.mark.django_db
CLAIM = "/api/progression/kudos/claim/"
PASSWORD = "correct-horse-battery"  # AccountFactory's


@pytest.fixture
def claimable(account, give_kudos):
    KudosClaimCategoryFactory(name="xp", kudos_cost=10, reward_amount=1)
    give_kudos(account, 30)
    return account


def kudos_of(account):
    return KudosPointsData.objects.get(account=account).current_available


def basic(username: str) -> str:
    return "Basic " + base64.b64encode(f"{username}:{PASSWORD}".encode()).decode()


def test_an_anonymous_request_is_a_json_401_without_a_basic_challenge(anonymous_client):
    response = anonymous_client.get("/api/progression/account/", HTTP_ACCEPT="text/html")

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    challenge = response.headers["WWW-Authenticate"]
    assert not challenge.lower().startswith("basic"), challenge


def test_a_wrong_basic_password_gets_no_basic_challenge_either(anonymous_client, account):
    response = anonymous_client.get(
        "/api/progression/account/", HTTP_AUTHORIZATION="Basic " + "d3Jvbmc6d3Jvbmc="
    )

    assert response.status_code == 401
    assert "basic" not in response.headers["WWW-Authenticate"].lower()


def test_a_cross_site_post_carrying_basic_credentials_changes_nothing(claimable):
    browser = APIClient(enforce_csrf_checks=True)

    response = browser.post(
        CLAIM,
        {"category": "xp", "amount": 10},
        HTTP_AUTHORIZATION=basic(claimable.username),
        HTTP_ORIGIN="https://evil.example",
    )

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert kudos_of(claimable) == 30


def test_a_session_post_without_the_csrf_token_is_a_json_403_and_changes_nothing(claimable):
    browser = APIClient(enforce_csrf_checks=True)
    browser.force_login(claimable)

    response = browser.post(CLAIM, {"category": "xp", "amount": 10}, format="json")

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert "CSRF" in response.json()["detail"]
    assert kudos_of(claimable) == 30


def test_a_session_post_with_the_csrf_token_claims(claimable):
    browser = APIClient(enforce_csrf_checks=True)
    browser.force_login(claimable)
    token = get_token(RequestFactory().get("/"))
    browser.cookies["csrftoken"] = token

    response = browser.post(
        CLAIM, {"category": "xp", "amount": 10}, format="json", HTTP_X_CSRFTOKEN=token
    )

    assert response.status_code == 201
    assert kudos_of(claimable) == 20
