"""Set-up for the progression admin tests: a superuser client and rows of every model."""

import pytest
from django.test import Client

from typeclasses.factories import AccountFactory


@pytest.fixture
def superuser(db):
    account = AccountFactory(permissions=["Developer"])
    account.is_superuser = True
    account.is_staff = True
    account.save()
    return account


@pytest.fixture
def admin_client(superuser):
    client = Client()
    client.force_login(superuser)
    return client
