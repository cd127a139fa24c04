"""The load run's numbers: percentiles per command and endpoint, throughput and errors, printed
as a table and kept as JSON (bench/results/load-<database>.json)."""

from __future__ import annotations

import json
import math
from pathlib import Path

PERCENTILES = (50, 95, 99)


def percentile(sorted_values: list[float], percent: float) -> float:
    """Nearest-rank percentile: a value that was measured, never an interpolation."""
    rank = max(1, math.ceil(percent / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def summarise(latencies: dict[str, list[float]]) -> dict[str, dict[str, float]]:
    """{name: {count, p50, p95, p99, max}} in milliseconds, slowest p95 first."""
    rows = {}
    for name, values in latencies.items():
        if not values:
            continue
        ordered = sorted(values)
        row = {"count": len(ordered)}
        row.update({f"p{p}": round(percentile(ordered, p) * 1000, 1) for p in PERCENTILES})
        row["max"] = round(ordered[-1] * 1000, 1)
        rows[name] = row
    return dict(sorted(rows.items(), key=lambda item: -item[1]["p95"]))


def table(title: str, rows: dict[str, dict[str, float]]) -> str:
    lines = [
        title,
        f"  {'':<18} {'count':>7} {'p50 ms':>9} {'p95 ms':>9} {'p99 ms':>9} {'max ms':>9}",
    ]
    for name, row in rows.items():
        lines.append(
            f"  {name:<18} {row['count']:>7} {row['p50']:>9.1f} {row['p95']:>9.1f}"
            f" {row['p99']:>9.1f} {row['max']:>9.1f}"
        )
    return "\n".join(lines)


def render(result: dict) -> str:
    throughput = result["throughput"]
    lines = [
        f"Load run on {result['database']}: {result['config']['players']} telnet players, "
        f"{result['config']['api_clients']} API clients, {result['window_seconds']:.0f} s",
        f"  commands/s overall {throughput['overall']:.1f}  (telnet {throughput['telnet']:.1f}, "
        f"API {throughput['api']:.1f})",
        table("Telnet commands (send to end of reply):", result["telnet"]),
        table("API requests:", result["api"]),
        *pages(result.get("pages")),
        "Outcomes: "
        + ", ".join(f"{name} {count}" for name, count in sorted(result["outcomes"].items())),
    ]
    errors = result["errors"]
    if errors["total"]:
        lines.append(f"ERRORS: {errors['total']} " + json.dumps(errors["by_kind"]))
        lines += [f"  {example}" for example in errors["examples"][:10]]
    else:
        lines.append("Errors: 0")
    audit = result["audit"]
    lines.append(f"progression_audit: {'clean' if audit['clean'] else 'NOT CLEAN'}")
    if not audit["clean"]:
        lines.append(audit["output"][-2000:])
    return "\n".join(lines)


def pages(measured: dict | None) -> list[str]:
    """The open pages' lines: their traffic, the share of polls answered 304, and the
    statements one unchanged poll runs (bench/load/pages.py)."""
    if not measured or not measured["pages"]:
        return []
    lines = [
        f"Open pages: {measured['pages']} polling every 2 s, "
        f"{measured['requests_per_second']:.1f} requests/s "
        f"({measured['polls_per_second']:.1f} polls/s, {measured['share_304']:.1%} answered 304)"
    ]
    if "statements_per_poll" in measured:
        lines.append(
            f"  one unchanged poll (answered {measured['poll_status']}): "
            f"{measured['statements_per_poll']} statements, "
            f"{measured['full_scans_per_poll']} of them reading a whole table"
        )
    lines.append(
        table("Page requests (a poll, and the reloads a new version brings):", measured["latency"])
    )
    return lines


def write(result: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n")
