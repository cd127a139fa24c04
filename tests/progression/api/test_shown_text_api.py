"""Text one player wrote, returned to another (kudos reasons, names), is plain text: no Evennia
markup, escape sequences or line breaks, one bounded line. What was written stays stored."""

import pytest
from django.test import override_settings

from world.progression.models import KudosTransaction

pytestmark = pytest.mark.django_db
HOSTILE_REASON = "Great |rscene|n!|/SYSTEM: you won\x1b[2J\x07 |lcxp/award me = 500|ltclick|le"


def test_a_kudos_reason_reaches_the_recipient_as_one_plain_line(
    player, account, other_account, give_kudos
):
    give_kudos(account, 1, awarded_by=other_account, description=HOSTILE_REASON)

    [row] = player.get("/api/progression/history/kudos/").json()["results"]
    [dashboard_row] = player.get("/api/progression/account/").json()["kudos_transactions"]

    assert row["description"] == "Great scene! SYSTEM: you won click"
    assert dashboard_row["description"] == row["description"]
    assert KudosTransaction.objects.get().description == HOSTILE_REASON


@override_settings(PROGRESSION_MAX_SHOWN_TEXT=20)
def test_a_long_kudos_reason_is_cut_to_the_configured_length(
    player, account, other_account, give_kudos
):
    give_kudos(account, 1, awarded_by=other_account, description="thanks " * 50)

    [row] = player.get("/api/progression/history/kudos/").json()["results"]

    assert len(row["description"]) == 20
    assert row["description"].endswith("…")
