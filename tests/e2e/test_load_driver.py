"""The load driver behind `make load`, run small so it cannot rot unnoticed: three telnet players
and one API client against the session's running game (the other end-to-end tests' one, so no
second server is migrated and started) for a few seconds. It must log everyone in, get commands
and purchases through, see no error, and end with a clean audit of the whole game, the other
tests' data included. (Its timings are for `make load` to print; nothing here asserts a time.)"""

from __future__ import annotations

import pytest

from bench.load import driver, pages, report

pytestmark = pytest.mark.slow


def test_a_small_load_run_reports_no_errors_and_a_clean_audit(game_server, tmp_path):
    options = driver.options_from(
        ["--players", "3", "--api-clients", "1", "--seconds", "8", "--think", "0.2", "0.6"]
    )
    result = driver.run_on_running_game(game_server, options, workdir=tmp_path)
    printed = report.render(result)

    assert result["errors"]["total"] == 0, result["errors"]
    assert result["audit"]["clean"], result["audit"]["output"]
    assert "Errors: 0" in printed and "progression_audit: clean" in printed
    # Players and the API client got through: many kinds of command answered, requests served.
    assert len(result["telnet"]) >= 5, result["telnet"]
    assert result["throughput"]["api"] > 0, result["api"]
    for row in (*result["telnet"].values(), *result["api"].values()):
        assert row["count"] > 0 and row["p50"] <= row["p95"] <= row["p99"] <= row["max"]


def test_open_pages_poll_with_their_etag_and_an_unchanged_poll_reads_no_whole_table(
    game_server, tmp_path
):
    options = driver.options_from(
        ["--players", "2", "--api-clients", "0", "--pages", "2", "--seconds", "6"]
    )
    result = driver.run_on_running_game(game_server, options, workdir=tmp_path)
    pages = result["pages"]

    assert result["errors"]["total"] == 0, result["errors"]
    # The pages poll with the ETag they were given, so most answers are an empty 304.
    assert pages["latency"]["page poll 304"]["count"] > 0, pages["latency"]
    assert 0 < pages["share_304"] <= 1 and pages["requests_per_second"] > 0
    # One unchanged poll: the session's statement and the version's, each through an index.
    assert pages["poll_status"] == 304
    assert pages["statements_per_poll"] <= 2, pages["poll_statements"]
    assert pages["full_scans_per_poll"] == 0, pages["poll_statements"]
    assert "Open pages: 2 polling every 2 s" in report.render(result)


def test_a_poll_plan_that_reads_a_table_whole_is_counted_on_either_database():
    sqlite = [
        "4 0 0 SEARCH django_session USING INDEX sqlite_autoindex_django_session_1 (session_key=?)",
        "2 0 0 SCAN CONSTANT ROW",
        "9 2 0 SCAN progression_xptransaction USING COVERING INDEX xptx_account_newest_first",
    ]
    postgres = ["Index Scan using accounts_accountdb_pkey", "  ->  Seq Scan on progression_x u0"]

    for database, plan in (("sqlite", sqlite), ("postgres", postgres)):
        measured = {"database": database, "statements": [{"plan": "\n".join(plan)}]}
        assert pages.full_scans(measured) == 1, database
