"""The one complete history through the API: /history/ paged and filtered, and the whole of it
exported as CSV or JSON, with every ledger kind and nothing of any other account."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from typeclasses.factories import CharacterFactory
from world.classes.factories import CharacterClassFactory
from world.progression.factories import (
    ClassLevelUnlockFactory,
    KudosSourceCategoryFactory,
    price_unlock,
)
from world.progression.services import (
    award_character_xp,
    award_development_points,
    award_kudos,
    award_xp,
    grant_achievement,
    spend_xp_on_unlock,
)
from world.progression.services.corrections import correct_class_level, correct_trait_value
from world.progression.types import HistoryKind
from world.traits.factories import TraitFactory

pytestmark = pytest.mark.django_db
HISTORY_URL = "/api/progression/history/"
EXPORT_URL = "/api/progression/account/export/"


@pytest.fixture
def ayla(account, other_account, staff_account):
    ayla = CharacterFactory(account=account, key="Ayla")
    warrior_1 = ClassLevelUnlockFactory(
        character_class=CharacterClassFactory(name="Warrior"), target_level=1
    )
    price_unlock(warrior_1, xp_cost=20)
    award_xp(account, 5, description='=HYPERLINK("http://evil")')
    award_character_xp(ayla, 20, transferable=False)
    assert spend_xp_on_unlock(ayla, warrior_1)[0]
    award_development_points(ayla, TraitFactory(name="Wits"), "scene", 2)
    correct_trait_value(ayla, TraitFactory(name="Grit"), 5, gm=staff_account, reason_text="x")
    correct_class_level(
        ayla, CharacterClassFactory(name="Scholar"), 1, gm=staff_account, reason_text="y"
    )
    grant_achievement(character=ayla, key="slew_the_dragon", staff=staff_account, reason="z")
    award_kudos(account, 3, KudosSourceCategoryFactory(display_name="Good sport"))
    stranger = CharacterFactory(account=other_account, key="Stranger")
    award_xp(other_account, 777)
    award_character_xp(stranger, 777, transferable=True)
    return ayla


def test_history_lists_every_ledger_newest_first_in_sentences(player, ayla):
    body = player.get(HISTORY_URL).json()

    assert body["count"] == 9
    assert {row["ledger"] for row in body["results"]} == set(HistoryKind.values)
    assert body["results"][0]["what"] == "+3 kudos: Good sport"
    assert "-20 locked XP of Ayla: bought Warrior level 1" in [
        row["what"] for row in body["results"]
    ]


def test_history_filters_by_ledger_and_character(player, account, ayla):
    bren = CharacterFactory(account=account, key="Bren")
    award_character_xp(bren, 4, transferable=True)

    kudos = player.get(HISTORY_URL, {"kind": "kudos"}).json()["results"]
    only_bren = player.get(HISTORY_URL, {"character": bren.pk}).json()["results"]

    assert [row["ledger"] for row in kudos] == ["kudos"]
    assert [row["what"] for row in only_bren] == ["+4 transferable XP of Bren: System award"]


def test_history_refuses_an_unknown_ledger_as_json(player, ayla):
    response = player.get(HISTORY_URL, {"kind": "gold"})

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


def test_export_as_csv_holds_every_kind_and_nothing_of_another_account(player, ayla):
    response = player.get(EXPORT_URL, {"format": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert {row["ledger"] for row in rows} == set(HistoryKind.values)
    assert len(rows) == 9
    assert not any("777" in row["amount"] or row["character"] == "Stranger" for row in rows)
    # A spreadsheet would run a player's text starting with "=" as a formula.
    assert any(row["description"] == '\'=HYPERLINK("http://evil")' for row in rows)


def test_export_as_json_is_the_same_rows(player, ayla):
    response = player.get(EXPORT_URL, {"format": "json"})

    assert response.status_code == 200
    rows = json.loads(b"".join(response.streaming_content))
    assert len(rows) == 9
    assert set(rows[0]) == {
        "date",
        "ledger",
        "character",
        "character_id",
        "given_by",
        "amount",
        "reason",
        "description",
        "what",
    }


def test_export_needs_a_login(anonymous_client):
    response = anonymous_client.get(EXPORT_URL, {"format": "csv"})

    assert response.status_code in (401, 403)
    assert "code" in response.json()


def test_history_page_reads_the_same_queries_whatever_the_history_size(player, account, ayla):
    def queries_for_a_page() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert player.get(HISTORY_URL, {"limit": 30}).status_code == 200
        return len(queries)

    queries_for_a_page()  # the first request of a login also refreshes its session
    small = queries_for_a_page()
    for amount in range(1, 60):
        award_xp(account, amount)

    assert queries_for_a_page() == small
    # The rows: a count and a page of the merged history, one statement each.
    with CaptureQueriesContext(connection) as queries:
        player.get(HISTORY_URL, {"limit": 30})
    assert sum("h_kind" in query["sql"] for query in queries) == 2
