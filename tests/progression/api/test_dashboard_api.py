"""GET /api/progression/account/: balances, paged histories and claim options for the caller."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from typeclasses.factories import CharacterFactory
from world.progression.factories import KudosClaimCategoryFactory, KudosSourceCategoryFactory
from world.progression.models import ExperiencePointsData, KudosPointsData

URL = "/api/progression/account/"
pytestmark = pytest.mark.django_db

# The dashboard's own five (XP balance, kudos balance, a page of XP rows, a page of kudos rows,
# the active claim categories) plus the session read. The session is written only by the first
# request after logging in, which shares the login with the webclient (web/middleware.py). The
# account itself comes from Evennia's identity map.
DASHBOARD_QUERIES = 6


def test_anonymous_request_is_refused_with_401(anonymous_client):
    response = anonymous_client.get(URL)

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_new_account_gets_zeros_and_reading_creates_no_rows(player, account):
    response = player.get(URL)

    assert response.status_code == 200
    body = response.json()
    assert body["xp"] == {"total_earned": 0, "total_spent": 0, "current_available": 0}
    assert body["kudos"] == {"total_earned": 0, "total_claimed": 0, "current_available": 0}
    assert body["xp_transactions"] == []
    assert body["kudos_transactions"] == []
    assert not ExperiencePointsData.objects.filter(account=account).exists()
    assert not KudosPointsData.objects.filter(account=account).exists()


def test_balances_and_transactions_are_the_callers(player, account, other_account, give_xp):
    character = CharacterFactory(account=account, key="Ariadne")
    give_xp(account, 30, description="Quest reward", character=character)
    give_xp(other_account, 99)

    body = player.get(URL).json()

    assert body["xp"] == {"total_earned": 30, "total_spent": 0, "current_available": 30}
    [row] = body["xp_transactions"]
    assert row["amount"] == 30
    assert row["reason"] == "gm_award"
    assert row["reason_display"] == "GM award"
    assert row["description"] == "Quest reward"
    assert row["character_name"] == "Ariadne"
    assert set(row) >= {"id", "transaction_date"}


def test_kudos_rows_name_the_category_and_who_awarded_them(
    player, account, staff_account, give_kudos
):
    category = KudosSourceCategoryFactory(name="great-rp", display_name="Great roleplay")
    give_kudos(account, 5, category=category, awarded_by=staff_account, description="Thanks")

    body = player.get(URL).json()

    assert body["kudos"]["current_available"] == 5
    [row] = body["kudos_transactions"]
    assert row["amount"] == 5
    assert row["kind"] == "award"
    assert row["category_display"] == "Great roleplay"
    assert row["awarded_by"] == staff_account.username
    assert row["description"] == "Thanks"


def test_claim_categories_are_the_active_ones(player):
    KudosClaimCategoryFactory(name="xp", display_name="XP", kudos_cost=10, reward_amount=2)
    KudosClaimCategoryFactory(name="retired", is_active=False)

    body = player.get(URL).json()

    assert body["claim_categories"] == [
        {
            "name": "xp",
            "display_name": "XP",
            "description": "",
            "kudos_cost": 10,
            "reward_amount": 2,
        }
    ]


def test_transactions_are_newest_first_and_paged_by_limit_and_offset(player, account, give_xp):
    for amount in range(1, 6):
        give_xp(account, amount)

    body = player.get(URL, {"limit": 2, "offset": 1}).json()

    assert [row["amount"] for row in body["xp_transactions"]] == [4, 3]


@pytest.mark.parametrize(("limit", "expected"), [(0, 0), (1, 1), (200, 200), (201, 200)])
def test_limit_edges_with_over_200_clamped(player, account, give_xp, limit, expected):
    for _ in range(201):
        give_xp(account, 1)

    body = player.get(URL, {"limit": limit}).json()

    assert len(body["xp_transactions"]) == expected


def test_default_limit_is_50(player, account, give_xp):
    for _ in range(51):
        give_xp(account, 1)

    assert len(player.get(URL).json()["xp_transactions"]) == 50


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"limit": "ten"}, "limit"),
        ({"limit": "1.5"}, "limit"),
        ({"limit": "-1"}, "limit"),
        ({"offset": "-1"}, "offset"),
        ({"offset": "x"}, "offset"),
        ({"limit": ""}, "limit"),
    ],
)
def test_bad_paging_values_are_a_400_naming_the_parameter(player, params, parameter):
    response = player.get(URL, params)

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert parameter in body["detail"]
    assert parameter in body["fields"]


def test_response_takes_the_same_number_of_queries_for_5_or_300_transactions(
    player, account, give_xp, give_kudos, django_assert_max_num_queries
):
    character = CharacterFactory(account=account)
    KudosClaimCategoryFactory(name="xp")
    for _ in range(5):
        give_xp(account, 1, character=character)
        give_kudos(account, 1)
    player.get(URL)  # the first request after logging in, which writes the session once
    with CaptureQueriesContext(connection) as few:
        player.get(URL, {"limit": 200})

    for _ in range(295):
        give_xp(account, 1, character=character)
        give_kudos(account, 1)
    with django_assert_max_num_queries(DASHBOARD_QUERIES):
        response = player.get(URL, {"limit": 200})

    assert len(response.json()["xp_transactions"]) == 200
    assert len(few.captured_queries) == DASHBOARD_QUERIES


def test_an_offset_beyond_what_the_database_can_count_is_a_400(player):
    response = player.get("/api/progression/account/?offset=9223372036854775807")
    assert response.status_code == 400
    assert "offset" in response.json()["detail"]
