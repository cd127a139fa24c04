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


def _ignored_by_git(name: str) -> bool:
    import subprocess

    from bench.run import ROOT

    checked = subprocess.run(
        ["git", "check-ignore", "-q", f"bench/results/{name}"], cwd=ROOT, check=False
    )
    return checked.returncode == 0


def test_a_bench_run_writes_only_files_git_ignores(tmp_path, monkeypatch):
    import bench.run

    monkeypatch.setattr(bench.run, "RESULTS", tmp_path)
    monkeypatch.delenv("SAVE", raising=False)

    written = bench.run.save_report({"date": "now"}, {"date": "before"})

    assert sorted(path.name for path in tmp_path.iterdir()) == sorted([written, "previous.json"])
    assert all(_ignored_by_git(path.name) for path in tmp_path.iterdir())


def test_save_1_writes_the_tracked_results(tmp_path, monkeypatch):
    import bench.run

    monkeypatch.setattr(bench.run, "RESULTS", tmp_path)
    monkeypatch.setenv("SAVE", "1")

    written = bench.run.save_report({"date": "now"}, {})

    assert written == "latest.json"
    assert not _ignored_by_git(written)
