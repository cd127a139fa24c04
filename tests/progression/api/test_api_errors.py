"""Garbage in is a 4xx JSON error with a code, never a 500; Evennia's own API is untouched."""

import pytest

pytestmark = pytest.mark.django_db

GARBAGE = [
    ("not json at all", "application/json"),
    ("[]", "application/json"),
    ('"a string"', "application/json"),
    ("null", "application/json"),
    ('{"amount": "lots", "category": ["x"], "kind": {}, "id": "one"}', "application/json"),
    ('{"amount": 1e400, "id": 1.5, "account": 7}', "application/json"),
    ('{"amount": true, "id": true, "kind": "class_level"}', "application/json"),
    ('{"amount": -5, "id": -1, "category": "", "account": ""}', "application/json"),
    ('{"amount": 99999999999999999999999, "id": 99999999999999999999}', "application/json"),
    ("amount=%ff%fe&category=\x00", "application/x-www-form-urlencoded"),
    ("<xml/>", "text/xml"),
]


@pytest.fixture
def post_urls(character):
    return [
        "/api/progression/kudos/claim/",
        f"/api/progression/characters/{character.pk}/unlocks/",
        "/api/progression/staff/award-xp/",
        "/api/progression/staff/award-kudos/",
    ]


@pytest.mark.parametrize(("body", "content_type"), GARBAGE)
def test_garbage_bodies_get_a_4xx_json_error_with_a_code(
    client_for, staff_account, post_urls, body, content_type
):
    staff = client_for(staff_account)
    for url in post_urls:
        response = staff.generic("POST", url, body, content_type=content_type)

        assert 400 <= response.status_code < 500, (url, response.status_code)
        assert response.json()["code"], url


def test_wrong_method_is_a_405_with_a_code(player):
    response = player.delete("/api/progression/account/")

    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"


def test_an_unknown_api_path_is_a_json_404(anonymous_client):
    for path in ("/api/progression/nothing-here/", "/api/progression/characters/-3/shop/"):
        response = anonymous_client.get(path)
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
