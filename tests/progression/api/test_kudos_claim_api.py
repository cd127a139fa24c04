"""POST /api/progression/kudos/claim/: claims go through the service and honour Idempotency-Key."""

import pytest

from world.progression.factories import KudosClaimCategoryFactory
from world.progression.models import KudosPointsData, KudosTransaction

pytestmark = pytest.mark.django_db
URL = "/api/progression/kudos/claim/"


@pytest.fixture
def xp_claims(db):
    return KudosClaimCategoryFactory(name="xp", kudos_cost=10, reward_amount=1)


def balance(account):
    return KudosPointsData.objects.get(account=account).current_available


def test_claim_spends_kudos_and_returns_the_new_balance(player, account, give_kudos, xp_claims):
    give_kudos(account, 30)

    response = player.post(URL, {"category": "xp", "amount": 20}, format="json")

    assert response.status_code == 201
    body = response.json()
    assert body["kudos"]["current_available"] == 10
    assert body["transaction"]["amount"] == -20
    assert body["transaction"]["kind"] == "claim"
    assert body["reward_amount"] == 2
    assert balance(account) == 10


def test_insufficient_kudos_is_a_422_and_changes_nothing(player, account, give_kudos, xp_claims):
    give_kudos(account, 5)

    response = player.post(URL, {"category": "xp", "amount": 20}, format="json")

    assert response.status_code == 422
    assert response.json()["code"] == "insufficient_kudos"
    assert (response.json()["need"], response.json()["have"]) == (20, 5)
    assert balance(account) == 5


def test_unknown_category_is_a_404(player, account, give_kudos):
    give_kudos(account, 30)

    response = player.post(URL, {"category": "ponies", "amount": 10}, format="json")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_repeated_idempotency_key_returns_the_first_result_and_changes_nothing(
    player, account, give_kudos, xp_claims
):
    give_kudos(account, 30)
    headers = {"Idempotency-Key": "claim-123"}

    first = player.post(URL, {"category": "xp", "amount": 10}, format="json", headers=headers)
    again = player.post(URL, {"category": "xp", "amount": 10}, format="json", headers=headers)

    assert first.status_code == again.status_code == 201
    assert again.json()["transaction"]["id"] == first.json()["transaction"]["id"]
    assert balance(account) == 20
    assert KudosTransaction.objects.filter(account=account, amount__lt=0).count() == 1


def test_the_same_key_from_two_players_does_not_collide(
    player, account, other_account, client_for, give_kudos, xp_claims
):
    give_kudos(account, 30)
    give_kudos(other_account, 30)
    headers = {"Idempotency-Key": "same-key"}

    player.post(URL, {"category": "xp", "amount": 10}, format="json", headers=headers)
    theirs = client_for(other_account).post(
        URL, {"category": "xp", "amount": 10}, format="json", headers=headers
    )

    assert theirs.status_code == 201
    assert balance(account) == balance(other_account) == 20


def test_malformed_idempotency_key_is_a_400(player, xp_claims):
    response = player.post(
        URL, {"category": "xp", "amount": 10}, format="json", headers={"Idempotency-Key": "a b"}
    )

    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["fields"]


def test_anonymous_claim_is_a_401(anonymous_client, xp_claims):
    response = anonymous_client.post(URL, {"category": "xp", "amount": 10}, format="json")

    assert response.status_code == 401
