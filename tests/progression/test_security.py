"""Nobody reaches another account's data, session POSTs need CSRF, and text stays text."""

import pytest
from django.test import Client

from typeclasses.factories import CharacterFactory
from world.progression.factories import KudosClaimCategoryFactory, KudosSourceCategoryFactory
from world.progression.models import KudosTransaction
from world.progression.services import award_kudos

SCRIPT = "<script>alert('x')</script>"


@pytest.fixture
def player(account):
    client = Client(enforce_csrf_checks=True)
    client.force_login(account)
    return client


def test_a_session_post_without_a_csrf_token_is_refused(player, account, other_account):
    KudosClaimCategoryFactory(name="xp")
    award_kudos(account, 20, KudosSourceCategoryFactory(), awarded_by=other_account)
    response = player.post(
        "/api/progression/kudos/claim/",
        {"category": "xp", "amount": 10},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert "CSRF" in response.json()["detail"]
    assert KudosTransaction.objects.filter(account=account).count() == 1


def test_a_session_post_with_the_csrf_token_goes_through(player, account, other_account):
    KudosClaimCategoryFactory(name="xp")
    award_kudos(account, 20, KudosSourceCategoryFactory(), awarded_by=other_account)
    player.get("/progression/")  # the page sets the csrftoken cookie
    token = player.cookies["csrftoken"].value
    response = player.post(
        "/api/progression/kudos/claim/",
        {"category": "xp", "amount": 10},
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 201, response.content


@pytest.mark.parametrize(
    "path",
    [
        "/api/progression/characters/{pk}/shop/",
        "/api/progression/characters/{pk}/development/",
        "/api/progression/history/character-xp/?character={pk}",
    ],
)
def test_another_players_character_is_out_of_reach(player, other_account, path):
    theirs = CharacterFactory(account=other_account)
    response = player.get(path.format(pk=theirs.pk))
    if "history" in path:
        assert response.status_code in (200, 400)
        assert response.status_code == 400 or response.json()["results"] == []
    else:
        assert response.status_code == 403
        assert response.json()["code"] == "permission_denied"


def test_buying_for_another_players_character_is_refused(player, other_account):
    theirs = CharacterFactory(account=other_account)
    token = player.get("/progression/").cookies["csrftoken"].value
    response = player.post(
        f"/api/progression/characters/{theirs.pk}/unlocks/",
        {"kind": "class_level", "id": 1},
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 403


def test_staff_endpoints_refuse_players(player, other_account):
    token = player.get("/progression/").cookies["csrftoken"].value
    response = player.post(
        "/api/progression/staff/award-xp/",
        {"account": other_account.username, "amount": 5, "description": "nice"},
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 403


def test_a_script_in_a_kudos_reason_is_escaped_in_the_admin(account, other_account):
    from typeclasses.factories import AccountFactory

    award_kudos(account, 3, KudosSourceCategoryFactory(), SCRIPT, awarded_by=other_account)
    superuser = AccountFactory(key="rootadmin")
    superuser.is_superuser = superuser.is_staff = True
    superuser.save()
    client = Client()
    client.force_login(superuser)
    transaction = KudosTransaction.objects.get(account=account)
    changelist = client.get("/admin/progression/kudostransaction/").content.decode()
    assert SCRIPT not in changelist
    change = client.get(f"/admin/progression/kudostransaction/{transaction.pk}/change/")
    html = change.content.decode()
    assert SCRIPT not in html
    assert "&lt;script&gt;" in html


def test_a_script_in_a_kudos_reason_comes_back_as_plain_json_text(player, account, other_account):
    award_kudos(account, 3, KudosSourceCategoryFactory(), SCRIPT, awarded_by=other_account)
    body = player.get("/api/progression/account/").json()
    assert body["kudos_transactions"][0]["description"] == SCRIPT
