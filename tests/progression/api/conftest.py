"""Shared set-up for the progression API tests: logged-in clients and ledger postings."""

import pytest
from rest_framework.test import APIClient

from world.progression.factories import KudosSourceCategoryFactory
from world.progression.models import KudosPointsData, KudosTransaction
from world.progression.services.ledger import Pool, post
from world.progression.services.xp import post_account_xp
from world.progression.types import ProgressionReason


@pytest.fixture
def anonymous_client():
    return APIClient()


@pytest.fixture
def client_for():
    def login(account):
        client = APIClient()
        client.force_login(account)
        return client

    return login


@pytest.fixture
def player(account, client_for):
    return client_for(account)


@pytest.fixture
def staff(staff_account, client_for):
    return client_for(staff_account)


@pytest.fixture
def give_xp(db):
    return _give_xp


@pytest.fixture
def give_kudos(db):
    return _give_kudos


def _give_xp(account, amount, *, description="", character=None, reason=None):
    return post_account_xp(
        account,
        amount,
        reason=reason or ProgressionReason.GM_AWARD,
        description=description,
        character=character,
    ).transaction


def _give_kudos(account, amount, *, category=None, awarded_by=None, description=""):
    """Post a kudos award through the ledger primitive (the balance moves with the row)."""
    return post(
        Pool(KudosPointsData, {"account_id": account.pk}, spent_field="total_claimed"),
        KudosTransaction,
        earned_delta=amount,
        spent_delta=0,
        ledger_fields={
            "account": account,
            "amount": amount,
            "source_category": category or KudosSourceCategoryFactory(name="good-sport"),
            "awarded_by": awarded_by,
            "description": description,
        },
    ).transaction
