"""Website and admin logins are throttled: after the configured number of wrong passwords for
one account from one address, even the right password is refused for a while. (The API takes no
password at all: tests/progression/api/test_api_authentication.py.)"""

import pytest
from django.conf import settings
from django.test import Client

from typeclasses.factories import AccountFactory, StaffAccountFactory

PASSWORD = "correct-horse-battery"  # the factories' password


@pytest.fixture
def player(db):
    return AccountFactory(key="throttled")


def _log_in(client: Client, path: str, username: str, password: str):
    client.get(path)  # the form, and Django's CSRF cookie
    return client.post(path, {"username": username, "password": password})


def _fail_until_the_limit(path: str, username: str) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = _log_in(Client(), path, username, "wrong password")
        assert response.status_code in (200, 429)


def test_the_website_login_works_with_the_right_password(player):
    client = Client()

    response = _log_in(client, "/auth/login/", "throttled", PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(player.pk)


def test_the_website_login_refuses_the_right_password_after_too_many_wrong_ones(player):
    _fail_until_the_limit("/auth/login/", "throttled")
    client = Client()

    response = _log_in(client, "/auth/login/", "throttled", PASSWORD)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_lockout_is_per_account(player):
    AccountFactory(key="bystander")
    _fail_until_the_limit("/auth/login/", "throttled")

    response = _log_in(Client(), "/auth/login/", "bystander", PASSWORD)

    assert response.status_code == 302


def test_the_admin_login_refuses_the_right_password_after_too_many_wrong_ones(db):
    staff = StaffAccountFactory(key="throttledstaff")
    staff.is_staff = True
    staff.save()
    _fail_until_the_limit("/admin/login/", "throttledstaff")
    client = Client()

    response = _log_in(client, "/admin/login/", "throttledstaff", PASSWORD)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_admin_login_works_with_the_right_password(db):
    staff = StaffAccountFactory(key="adminstaff")
    staff.is_staff = True
    staff.save()
    client = Client()

    response = _log_in(client, "/admin/login/", "adminstaff", PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)
