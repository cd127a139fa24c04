"""The paged, filterable history lists: account XP, character XP and kudos."""

import datetime

import pytest
from django.utils import timezone

from typeclasses.factories import CharacterFactory
from world.progression.factories import KudosClaimCategoryFactory, KudosSourceCategoryFactory
from world.progression.models import KudosPointsData, KudosTransaction, XPTransaction
from world.progression.services.ledger import Pool, post
from world.progression.services.xp import post_character_xp
from world.progression.types import ProgressionReason

pytestmark = pytest.mark.django_db
XP_URL = "/api/progression/history/xp/"
CHARACTER_XP_URL = "/api/progression/history/character-xp/"
KUDOS_URL = "/api/progression/history/kudos/"


def amounts(response):
    return [row["amount"] for row in response.json()["results"]]


def test_xp_history_lists_only_the_callers_rows_newest_first(
    player, account, other_account, give_xp
):
    give_xp(account, 1)
    give_xp(account, 2)
    give_xp(other_account, 50)

    response = player.get(XP_URL)

    assert response.status_code == 200
    assert response.json()["count"] == 2
    assert amounts(response) == [2, 1]


def test_xp_history_filters_by_reason(player, account, give_xp):
    give_xp(account, 5, reason=ProgressionReason.GM_AWARD)
    give_xp(account, 7, reason=ProgressionReason.SCENE_AWARD)

    assert amounts(player.get(XP_URL, {"reason": "scene_award"})) == [7]


def test_xp_history_filters_by_date_range(player, account, give_xp):
    old = give_xp(account, 3)
    XPTransaction.objects.filter(pk=old.pk).update(
        transaction_date=timezone.now() - datetime.timedelta(days=30)
    )
    give_xp(account, 4)
    today = timezone.localdate()

    assert amounts(player.get(XP_URL, {"date_from": today.isoformat()})) == [4]
    assert amounts(player.get(XP_URL, {"date_to": str(today - datetime.timedelta(days=1))})) == [3]


def test_xp_history_filters_by_character(player, account, give_xp):
    first, second = CharacterFactory(account=account), CharacterFactory(account=account)
    give_xp(account, 1, character=first)
    give_xp(account, 2, character=second)

    assert amounts(player.get(XP_URL, {"character": second.pk})) == [2]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"reason": "bribery"}, "reason"),
        ({"date_from": "yesterday"}, "date_from"),
        ({"character": "bob"}, "character"),
        ({"limit": "many"}, "limit"),
        ({"offset": "-3"}, "offset"),
    ],
)
def test_bad_filters_and_paging_are_a_400_naming_the_field(player, params, field):
    response = player.get(XP_URL, params)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert field in response.json()["fields"]


def test_history_pages_with_limit_and_offset_and_clamps_limit(player, account, give_xp):
    for amount in range(1, 4):
        give_xp(account, amount)

    page = player.get(XP_URL, {"limit": 1, "offset": 1}).json()

    assert [row["amount"] for row in page["results"]] == [2]
    assert page["count"] == 3
    assert page["next"] is not None
    assert page["previous"] is not None


def test_history_limit_over_200_is_clamped(player, account, give_xp):
    for _ in range(201):
        give_xp(account, 1)

    assert len(player.get(XP_URL, {"limit": 500}).json()["results"]) == 200


def test_character_xp_history_shows_only_the_callers_characters(player, account, other_account):
    mine = CharacterFactory(account=account)
    theirs = CharacterFactory(account=other_account)
    post_character_xp(mine, 6, transferable=False, reason=ProgressionReason.CG_CONVERSION)
    post_character_xp(theirs, 9, transferable=True, reason=ProgressionReason.GM_AWARD)

    response = player.get(CHARACTER_XP_URL)

    [row] = response.json()["results"]
    assert row["amount"] == 6
    assert row["character_name"] == mine.key
    assert row["transferable"] is False


def test_character_xp_history_filters_by_transferable(player, account):
    mine = CharacterFactory(account=account)
    post_character_xp(mine, 6, transferable=False, reason=ProgressionReason.CG_CONVERSION)
    post_character_xp(mine, 2, transferable=True, reason=ProgressionReason.GM_AWARD)

    assert amounts(player.get(CHARACTER_XP_URL, {"transferable": "true"})) == [2]


def test_kudos_history_filters_awards_claims_and_category(player, account, give_kudos):
    give_kudos(account, 10, category=KudosSourceCategoryFactory(name="helpful"))
    give_kudos(account, 5, category=KudosSourceCategoryFactory(name="funny"))
    post(
        Pool(KudosPointsData, {"account_id": account.pk}, spent_field="total_claimed"),
        KudosTransaction,
        earned_delta=0,
        spent_delta=10,
        ledger_fields={
            "account": account,
            "amount": -10,
            "claim_category": KudosClaimCategoryFactory(name="xp"),
        },
    )

    assert amounts(player.get(KUDOS_URL)) == [-10, 5, 10]
    assert amounts(player.get(KUDOS_URL, {"kind": "claim"})) == [-10]
    assert amounts(player.get(KUDOS_URL, {"kind": "award"})) == [5, 10]
    assert amounts(player.get(KUDOS_URL, {"category": "helpful"})) == [10]
    assert amounts(player.get(KUDOS_URL, {"category": "xp"})) == [-10]


@pytest.mark.parametrize("url", [XP_URL, CHARACTER_XP_URL, KUDOS_URL])
def test_histories_refuse_anonymous_requests(anonymous_client, url):
    response = anonymous_client.get(url)

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


@pytest.mark.parametrize("value", ["1.5", "-1.97e+255", "99999999999999999999999"])
def test_a_character_filter_that_is_not_an_id_is_a_400(player, value):
    response = player.get(f"/api/progression/history/xp/?character={value}")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
