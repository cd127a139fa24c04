"""Every amount a request carries is bounded by its configured maximum (conf.py): above it is a
400 naming the field, and nothing changes. The maximum is read when the request is validated."""

import pytest
from django.test import override_settings

from world.progression.conf import progression_settings
from world.progression.factories import KudosClaimCategoryFactory, KudosSourceCategoryFactory
from world.progression.models import (
    ExperiencePointsData,
    KudosPointsData,
    KudosTransaction,
    XPTransaction,
)

pytestmark = pytest.mark.django_db
AWARD_XP = "/api/progression/staff/award-xp/"
AWARD_KUDOS = "/api/progression/staff/award-kudos/"
CLAIM = "/api/progression/kudos/claim/"
LARGEST_BIGINT = 9223372036854775807


def assert_refused_for_amount(response):
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert "amount" in body["fields"]
    assert body["detail"].startswith("amount:")


def test_an_xp_award_of_the_largest_integer_is_refused_every_time(staff, account):
    body = {"account": account.username, "amount": LARGEST_BIGINT, "description": "Oops"}

    for _ in range(2):
        assert_refused_for_amount(staff.post(AWARD_XP, body, format="json"))

    assert not ExperiencePointsData.objects.filter(account=account).exists()
    assert not XPTransaction.objects.exists()


@override_settings(PROGRESSION_MAX_XP_AWARD=40)
def test_an_xp_award_up_to_the_configured_maximum_is_accepted_and_above_it_refused(staff, account):
    body = {"account": account.username, "description": "Plot prize"}

    assert_refused_for_amount(staff.post(AWARD_XP, {**body, "amount": 41}, format="json"))
    accepted = staff.post(AWARD_XP, {**body, "amount": 40}, format="json")

    assert accepted.status_code == 201
    assert ExperiencePointsData.objects.get(account=account).total_earned == 40


@override_settings(PROGRESSION_MAX_KUDOS_AWARD=7)
def test_a_kudos_award_above_the_configured_maximum_is_refused(staff, account):
    KudosSourceCategoryFactory(name="helpful")
    body = {"account": account.username, "category": "helpful", "description": "Thanks"}

    assert_refused_for_amount(staff.post(AWARD_KUDOS, {**body, "amount": 8}, format="json"))
    accepted = staff.post(AWARD_KUDOS, {**body, "amount": 7}, format="json")

    assert accepted.status_code == 201
    assert KudosPointsData.objects.get(account=account).total_earned == 7


def test_a_kudos_award_of_the_largest_integer_is_refused(staff, account):
    KudosSourceCategoryFactory(name="helpful")
    body = {"account": account.username, "category": "helpful", "description": "x"}

    assert_refused_for_amount(
        staff.post(AWARD_KUDOS, {**body, "amount": LARGEST_BIGINT}, format="json")
    )
    assert not KudosTransaction.objects.exists()


@override_settings(PROGRESSION_MAX_KUDOS_CLAIM=20)
def test_a_claim_above_the_configured_maximum_is_refused_before_the_balance_is_looked_at(
    player, account, give_kudos
):
    KudosClaimCategoryFactory(name="xp", kudos_cost=10, reward_amount=1)
    give_kudos(account, 100)

    assert_refused_for_amount(player.post(CLAIM, {"category": "xp", "amount": 30}, format="json"))
    accepted = player.post(CLAIM, {"category": "xp", "amount": 20}, format="json")

    assert accepted.status_code == 201
    assert KudosPointsData.objects.get(account=account).current_available == 80


def test_the_schema_documents_each_maximum(anonymous_client):
    schema = anonymous_client.get("/api/progression/schema/", {"format": "json"}).json()
    components = schema["components"]["schemas"]

    def maximum(component):
        return components[component]["properties"]["amount"]["maximum"]

    assert maximum("AwardXPRequestRequest") == progression_settings.MAX_XP_AWARD
    assert maximum("AwardKudosRequestRequest") == progression_settings.MAX_KUDOS_AWARD
    assert maximum("ClaimKudosRequestRequest") == progression_settings.MAX_KUDOS_CLAIM
