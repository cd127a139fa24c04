"""`make bench`: what each progression operation costs, next to what the database itself needs.

Runs once on SQLite and, when DATABASE_URL is set, once more on that database (each in its own
process, since Django's settings are per process), on a scratch database created for the run.
Prints one table per database, each row with its change against the previous run. A run
writes only untracked files: bench/results/run.json (the one before it kept as previous.json),
compared with the last run, else with the kept results, bench/results/latest.json. `make bench
SAVE=1` writes latest.json, the tracked results the README quotes. `make bench BIG=1` keeps its
own files (run-big.json, latest-big.json, previous-big.json), so the two sizes are each compared
with their own kind.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def saving() -> bool:
    """SAVE=1: this run's results become the tracked, kept ones (latest.json)."""
    return os.environ.get("SAVE") not in (None, "", "0")


def _result_name(kind: str) -> str:
    """run.json / latest.json / previous.json, with -big for a run at the big size."""
    big = os.environ.get("BENCH_SIZE") == "big" or os.environ.get("BIG") not in (None, "", "0")
    return f"{kind}-big.json" if big else f"{kind}.json"


def main() -> int:
    if os.environ.get("BENCH_CHILD"):
        from bench.suite import run_suite

        print(json.dumps(run_suite()))
        return 0
    targets = [("sqlite", {k: v for k, v in os.environ.items() if k != "DATABASE_URL"})]
    if os.environ.get("DATABASE_URL"):
        targets.append(("postgresql", dict(os.environ)))
    report = {
        "machine": (
            f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        ),
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "databases": {},
    }
    previous = _previous_report()
    # The operations and the generated game each run on a database of their own, so the game's
    # commands see the game's catalogue, not the 1,000 unlocks the shop rows leave behind.
    parts = [os.environ["BENCH_ONLY"]] if os.environ.get("BENCH_ONLY") else ["operations", "big"]
    for name, env in targets:
        started = time.perf_counter()
        result = {"rows": [], "notes": []}
        for part in parts:
            env = {**env, "BENCH_CHILD": "1", "BENCH_ONLY": part}
            env["PYTHONPATH"] = f"{ROOT / 'src'}:{ROOT}"
            completed = subprocess.run(
                [sys.executable, "-m", "bench.run"],
                env=env,
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
            if completed.returncode != 0:
                sys.stderr.write(completed.stderr)
                return completed.returncode
            found = json.loads(completed.stdout.strip().splitlines()[-1])
            result["vendor"] = found["vendor"]
            result["rows"] += found["rows"]
            result["notes"] += found["notes"]
        result["seconds"] = round(time.perf_counter() - started, 1)
        report["databases"][name] = result
        print_table(name, result, previous.get("databases", {}).get(name))
    written = save_report(report, previous)
    since = f"; change against the run of {previous['date']}" if previous else ""
    print(f"\n{report['machine']}; results in bench/results/{written}{since}")
    return 0


def save_report(report: dict, previous: dict) -> str:
    """Write this run's results (run.json, or latest.json with SAVE=1) and keep the previous
    ones as previous.json (untracked); returns the name written."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    if previous:
        (RESULTS / _result_name("previous")).write_text(json.dumps(previous, indent=2))
    name = _result_name("latest" if saving() else "run")
    (RESULTS / name).write_text(json.dumps(report, indent=2))
    return name


def _previous_report() -> dict:
    """The last run's results, else the kept ones."""
    for kind in ("run", "latest"):
        try:
            return json.loads((RESULTS / _result_name(kind)).read_text())
        except (OSError, ValueError):
            continue
    return {}


def change(row: dict, before: dict | None) -> str:
    """How `row` moved since the previous run: median time in percent, statements in count."""
    if not before or not before.get("median_ms"):
        return "new" if before is None else ""
    percent = (row["median_ms"] - before["median_ms"]) / before["median_ms"] * 100
    text = f"{percent:+.0f}%"
    if row["statements"] != before["statements"]:
        text += f" {row['statements'] - before['statements']:+d} st"
    return text


def print_table(name: str, result: dict, previous: dict | None = None) -> None:
    print(f"\n== {name} ({result['vendor']}, {result['seconds']} s)")
    header = (
        f"{'operation':<60} {'stmts':>5} {'median ms':>10} {'p95 ms':>8} {'ops/s':>8} "
        f"{'ratio':>7} {'vs previous':>13}"
    )
    print(header)
    print("-" * len(header))
    earlier = {row["name"]: row for row in (previous or {}).get("rows", [])}
    for row in result["rows"]:
        ratio = f"{row['floor_ratio']:.2f}" if row.get("floor_ratio") else ""
        moved = change(row, earlier.get(row["name"])) if previous else ""
        print(
            f"{row['name']:<60} {row['statements']:>5} {row['median_ms']:>10.3f} "
            f"{row['p95_ms']:>8.3f} {row['ops_per_second']:>8.0f} {ratio:>7} {moved:>13}"
        )
    print(
        "  ratio: the median over that of the row above it, timed call for call alternately with it"
    )
    for line in result.get("notes", []):
        print(f"  {line}")


if __name__ == "__main__":
    sys.exit(main())
