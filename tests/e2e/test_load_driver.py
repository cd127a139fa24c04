"""The load driver behind `make load`, run small so it cannot rot unnoticed: three telnet players
and one API client against the real game on SQLite for a few seconds. It must log everyone in,
get commands and purchases through, see no error, and end with a clean audit. (Its timings are
for `make load` to print; nothing here asserts a time.)"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]


def test_a_small_load_run_reports_no_errors_and_a_clean_audit(tmp_path):
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.load",
            "--db",
            "sqlite",
            "--players",
            "3",
            "--api-clients",
            "1",
            "--seconds",
            "8",
            "--think",
            "0.2",
            "0.6",
            "--out-dir",
            str(tmp_path),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    result = json.loads((tmp_path / "load-sqlite.json").read_text())

    assert result["errors"]["total"] == 0, result["errors"]
    assert result["audit"]["clean"], result["audit"]["output"]
    assert "Errors: 0" in completed.stdout and "progression_audit: clean" in completed.stdout
    # Players and the API client got through: many kinds of command answered, requests served.
    assert len(result["telnet"]) >= 5, result["telnet"]
    assert result["throughput"]["api"] > 0, result["api"]
    for row in (*result["telnet"].values(), *result["api"].values()):
        assert row["count"] > 0 and row["p50"] <= row["p95"] <= row["p99"] <= row["max"]
