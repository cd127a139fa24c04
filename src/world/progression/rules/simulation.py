"""The what-if simulator's arithmetic: prices, weekly totals and weeks to a goal under a proposed
change to the economy, from rows `selectors.simulation` has read. Pure: no queries."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from .costs import apply_cost_modifier

# What a price is keyed by: (kind, class or trait id, level or rating), as `unlock_key` answers.
PriceKey = tuple[str, int, int]


@dataclass(frozen=True)
class ProposedChange:
    """What staff would change. Empty (the default) changes nothing.

    chart_entries: {chart id: {level: new XP cost}}, the entries to set (others stay);
    class_modifiers / trait_modifiers: {class or trait id: new cost modifier percentage};
    scene_points_per_use: a new PROGRESSION_SCENE_POINTS_PER_USE; xp_by_vote: a new
    VOTING_XP_BY_VOTE (None: unchanged).
    """

    chart_entries: Mapping[int, Mapping[int, int]] = field(default_factory=dict)
    class_modifiers: Mapping[int, int] = field(default_factory=dict)
    trait_modifiers: Mapping[int, int] = field(default_factory=dict)
    scene_points_per_use: int | None = None
    xp_by_vote: tuple[int, ...] | None = None

    @property
    def changes_prices(self) -> bool:
        return bool(self.chart_entries or self.class_modifiers or self.trait_modifiers)


@dataclass(frozen=True)
class CostLink:
    """A class's or trait's link to its chart: kind is CLASS_LEVEL or TRAIT_RATING."""

    kind: str
    subject: int
    chart: int
    modifier: int
    chart_active: bool = True


def price_table(
    entries: Mapping[int, Mapping[int, int]],
    links: Iterable[CostLink],
    change: ProposedChange | None = None,
) -> dict[PriceKey, int]:
    """{(kind, subject, level): price} for every level of every linked chart, the way
    `CostTable` prices them (inactive charts price nothing), with `change` applied."""
    change = change or ProposedChange()
    prices: dict[PriceKey, int] = {}
    for link in links:
        if not link.chart_active:
            continue
        modifiers = change.class_modifiers if link.kind == "class_level" else change.trait_modifiers
        modifier = modifiers.get(link.subject, link.modifier)
        levels = {**entries.get(link.chart, {}), **change.chart_entries.get(link.chart, {})}
        for level, cost in levels.items():
            prices[link.kind, link.subject, level] = apply_cost_modifier(cost, modifier)
    return prices


@dataclass(frozen=True)
class PriceChange:
    key: PriceKey
    bought: int  # times bought in the replayed weeks
    before: int | None
    after: int | None

    @property
    def difference(self) -> int:
        """What the replayed purchases would have cost more (negative: less) in all."""
        return self.bought * ((self.after or 0) - (self.before or 0))


def price_changes(
    purchases: Mapping[PriceKey, int], before: Mapping, after: Mapping
) -> list[PriceChange]:
    """The bought unlocks ({key: times bought}) whose price differs, biggest difference first."""
    changed = [
        PriceChange(key, count, before.get(key), after.get(key))
        for key, count in purchases.items()
        if before.get(key) != after.get(key)
    ]
    return sorted(changed, key=lambda row: (-abs(row.difference), row.key))


@dataclass(frozen=True)
class WeekRow:
    week: date  # its Monday
    issued: int
    spent: int
    development: int
    issued_after: int
    spent_after: int
    development_after: int


def week_rows(
    weeks: Sequence[date],
    actual: Mapping[date, tuple[int, int, int]],
    deltas: Mapping[date, tuple[int, int, int]],
) -> list[WeekRow]:
    """Side by side per week: (XP issued, XP spent, development issued) as recorded, and with
    the change's differences added (never below zero)."""
    rows = []
    for week in weeks:
        now = actual.get(week, (0, 0, 0))
        delta = deltas.get(week, (0, 0, 0))
        after = [max(0, value + change) for value, change in zip(now, delta, strict=True)]
        rows.append(WeekRow(week, *now, *after))
    return rows


def add_delta(totals: dict, week: date, position: int, amount: int) -> None:
    """Add `amount` to item `position` of the (issued, spent, development) triple of `week`."""
    triple = list(totals.get(week, (0, 0, 0)))
    triple[position] += amount
    totals[week] = tuple(triple)


def steps_price(steps: Iterable[PriceKey], prices: Mapping[PriceKey, int]) -> int:
    """What the steps to a goal cost; a step with no price counts nothing (as `Plan` counts)."""
    return sum(prices.get(step, 0) for step in steps)


def weeks_to_afford(price: int, *, saved: float, weekly_rate: float) -> float:
    """Whole weeks until a character that holds `saved` XP and earns `weekly_rate` XP a week
    can pay `price`: 0 when it can now, infinity when it earns nothing."""
    missing = price - saved
    if missing <= 0:
        return 0
    if weekly_rate <= 0:
        return math.inf
    return math.ceil(missing / weekly_rate)


def percentile(values: Sequence[float], share: float) -> float | None:
    """The nearest-rank percentile (share 0.5 the median, 0.9 the p90); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class WeeksSummary:
    characters: int
    median: float | None
    p90: float | None
    never: int  # characters that earned nothing in the replayed weeks and cannot pay now


def summarise_weeks(weeks: Sequence[float]) -> WeeksSummary:
    return WeeksSummary(
        characters=len(weeks),
        median=percentile(weeks, 0.5),
        p90=percentile(weeks, 0.9),
        never=sum(1 for value in weeks if value == math.inf),
    )


def parse_numbers(text: str, *, what: str) -> tuple[int, ...]:
    """ "3,2,2,1" -> (3, 2, 2, 1): whole numbers of at least 0; ValueError naming `what`."""
    try:
        numbers = tuple(int(part) for part in text.replace(" ", "").split(",") if part)
    except ValueError:
        raise ValueError(f"{what} must be whole numbers separated by commas: {text!r}.") from None
    if not numbers or min(numbers) < 0:
        raise ValueError(f"{what} must be whole numbers of at least 0: {text!r}.")
    return numbers


def parse_assignment(text: str, *, what: str) -> tuple[str, int]:
    """ "Warrior=120" -> ("Warrior", 120); ValueError naming `what`."""
    name, sign, value = text.rpartition("=")
    if not sign or not name.strip():
        raise ValueError(f"Write {what} as NAME=NUMBER, not {text!r}.")
    (number,) = parse_numbers(value, what=what) or (0,)
    return name.strip(), number


def parse_chart_entries(text: str) -> tuple[str, dict[int, int]]:
    """ "Standard:1=120,2=240" -> ("Standard", {1: 120, 2: 240}); ValueError otherwise."""
    name, sign, levels = text.rpartition(":")
    if not sign or not name.strip() or not levels.strip():
        raise ValueError(f"Write chart entries as CHART:LEVEL=COST[,LEVEL=COST], not {text!r}.")
    entries = {}
    for part in levels.split(","):
        level, cost = parse_assignment(part, what="a chart entry")
        if not level.isdigit():
            raise ValueError(f"A chart level is a whole number, not {level!r}.")
        entries[int(level)] = cost
    return name.strip(), entries


__all__ = [
    "CostLink",
    "PriceChange",
    "PriceKey",
    "ProposedChange",
    "WeekRow",
    "WeeksSummary",
    "add_delta",
    "parse_assignment",
    "parse_chart_entries",
    "parse_numbers",
    "percentile",
    "price_changes",
    "price_table",
    "steps_price",
    "summarise_weeks",
    "week_rows",
    "weeks_to_afford",
]
