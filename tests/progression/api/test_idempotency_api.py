"""An Idempotency-Key reused with a different request is a 409 `idempotency_conflict` that
changes nothing (the same key with the same request returns the first result: see the claim,
purchase and award tests). The services decide what counts as the same request."""

import pytest

from world.classes.factories import CharacterClassFactory
from world.progression.factories import (
    ClassLevelUnlockFactory,
    ClassXPCostFactory,
    KudosClaimCategoryFactory,
    XPCostChartFactory,
    XPCostEntryFactory,
)
from world.progression.models import (
    CharacterUnlock,
    ExperiencePointsData,
    KudosPointsData,
    XPTransaction,
)

pytestmark = pytest.mark.django_db
KEY = {"Idempotency-Key": "same-key-1"}


def assert_conflict(response):
    assert response.status_code == 409
    assert response.json()["code"] == "idempotency_conflict"


def test_a_claim_key_reused_for_another_amount_is_a_409(player, account, give_kudos):
    KudosClaimCategoryFactory(name="xp", kudos_cost=10, reward_amount=1)
    give_kudos(account, 100)
    url = "/api/progression/kudos/claim/"

    first = player.post(url, {"category": "xp", "amount": 10}, format="json", headers=KEY)
    second = player.post(url, {"category": "xp", "amount": 50}, format="json", headers=KEY)

    assert first.status_code == 201
    assert_conflict(second)
    assert KudosPointsData.objects.get(account=account).current_available == 90


def level_one_of(name):
    character_class = CharacterClassFactory(name=name)
    chart = XPCostChartFactory(name=f"{name} chart")
    XPCostEntryFactory(chart=chart, level=1, xp_cost=10)
    ClassXPCostFactory(character_class=character_class, cost_chart=chart)
    return ClassLevelUnlockFactory(character_class=character_class, target_level=1)


def test_a_purchase_key_reused_for_another_unlock_is_a_409(player, account, character, give_xp):
    rogue, scholar = level_one_of("Rogue"), level_one_of("Scholar")
    give_xp(account, 50)
    url = f"/api/progression/characters/{character.pk}/unlocks/"

    first = player.post(url, {"kind": "class_level", "id": rogue.pk}, format="json", headers=KEY)
    second = player.post(url, {"kind": "class_level", "id": scholar.pk}, format="json", headers=KEY)

    assert first.status_code == 201
    assert_conflict(second)
    bought = CharacterUnlock.objects.filter(character_id=character.pk)
    assert [record.character_class_id for record in bought] == [rogue.character_class_id]
    assert ExperiencePointsData.objects.get(account=account).current_available == 40


def test_an_award_key_reused_for_another_amount_is_a_409(staff, account):
    url = "/api/progression/staff/award-xp/"
    body = {"account": account.username, "description": "Plot prize"}

    first = staff.post(url, {**body, "amount": 5}, format="json", headers=KEY)
    second = staff.post(url, {**body, "amount": 500}, format="json", headers=KEY)

    assert first.status_code == 201
    assert_conflict(second)
    assert ExperiencePointsData.objects.get(account=account).total_earned == 5
    assert XPTransaction.objects.filter(account=account).count() == 1
