from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from typeclasses.factories import AccountFactory
from world.progression.factories import KudosClaimCategoryFactory, KudosSourceCategoryFactory
from world.progression.services import award_kudos, award_xp, claim_kudos
from world.progression.types import ProgressionReason


@pytest.fixture
def economy(account, other_account, staff_account):
    source = KudosSourceCategoryFactory(name="player-vote", display_name="Player vote")
    award_xp(account, 30, reason=ProgressionReason.GM_AWARD, gm=staff_account)
    award_xp(other_account, 12)
    # `account` gets 8 of its 9 player-given kudos from other_account: flagged.
    for _ in range(4):
        award_kudos(account, 2, source, "great scene", awarded_by=other_account)
    third = AccountFactory()
    award_kudos(account, 1, source, "nice", awarded_by=third)
    # `third` gets kudos evenly from two accounts: not flagged.
    award_kudos(third, 3, source, "fun", awarded_by=account)
    award_kudos(third, 3, source, "fun", awarded_by=other_account)
    claim_kudos(account, 5, KudosClaimCategoryFactory(name="xp", kudos_cost=5, reward_amount=2))
    return account


def test_report_counts_issued_and_spent_and_flags_single_source_kudos(economy, other_account):
    from world.progression.selectors.reports import economy_report

    report = economy_report(date.today() - timedelta(days=7), date.today())
    week = report["weeks"][-1]
    assert (week["xp_issued"], week["kudos_issued"], week["kudos_claimed"]) == (44, 15, 5)
    assert report["top_xp_earners"][0] == {"account": economy.key, "amount": 32}
    assert [row["account"] for row in report["single_source_kudos"]] == [economy.key]
    assert report["single_source_kudos"][0]["giver"] == other_account.key


def test_report_command_prints_readable_sections(economy):
    out = StringIO()
    call_command("progression_report", stdout=out)
    text = out.getvalue()
    for heading in ("Per week", "XP by reason", "Top XP earners", "possible vote trading"):
        assert heading in text
    assert "\x1b[" not in text  # not a terminal: no colour codes, no progress display


def test_report_command_refuses_bad_dates(db):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("progression_report", "--start", "yesterday", stdout=StringIO())


def test_report_endpoint_is_for_staff_only(economy, staff_account):
    player = Client()
    player.force_login(economy)
    assert player.get("/api/progression/staff/report/").status_code == 403
    staff = Client()
    staff.force_login(staff_account)
    body = staff.get("/api/progression/staff/report/").json()
    assert body["single_source_kudos"][0]["account"] == economy.key
    bad = staff.get("/api/progression/staff/report/?start=2026-02-01&end=2026-01-01")
    assert bad.status_code == 400 and bad.json()["code"] == "invalid"
