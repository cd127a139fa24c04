"""`make bench` prints each row's change against the previous run."""

from bench.run import change, print_table


def test_change_gives_the_time_in_percent_and_the_statements_moved():
    before = {"median_ms": 2.0, "statements": 12}
    assert change({"median_ms": 1.5, "statements": 6}, before) == "-25% -6 st"
    assert change({"median_ms": 2.2, "statements": 12}, before) == "+10%"


def test_a_row_the_previous_run_did_not_have_is_new():
    assert change({"median_ms": 1.0, "statements": 1}, None) == "new"


def test_the_table_shows_the_change_column_only_against_a_previous_run(capsys):
    row = {"name": "award_xp", "statements": 4, "median_ms": 0.2, "p95_ms": 0.3}
    row["ops_per_second"] = 5000
    result = {"vendor": "sqlite", "seconds": 1.0, "rows": [row]}
    print_table("sqlite", result, {"rows": [{**row, "median_ms": 0.4}]})
    assert "-50%" in capsys.readouterr().out
    print_table("sqlite", result)
    assert "%" not in capsys.readouterr().out.splitlines()[-1]
