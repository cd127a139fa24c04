"""The what-if simulator's reads: the last N weeks of earnings and purchases, the price catalogue
and every character's goal and savings, in a fixed number of aggregate queries (16 with every
kind of change, whatever the size of the game), handed to `rules.simulation` under a proposed
change. Reads only: nothing is written.

Weekly vote pay belongs to world.voting, an app above this one: it registers how to replay its
pay under another vote scale (`register_weekly_pay_replay`, from its AppConfig.ready)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.utils import timezone

from world.classes.models import CharacterClass
from world.scenes.models import SceneTraitUse
from world.traits.models import Trait

from ..models import (
    CharacterUnlock,
    CharacterXPTransaction,
    ClassXPCost,
    DevelopmentTransaction,
    TraitXPCost,
    XPCostChart,
    XPCostEntry,
    XPTransaction,
)
from ..rules import simulation as rules
from ..rules.development import scene_points
from ..rules.ratings import rating_text
from ..rules.unlocks import CLASS_LEVEL, TRAIT_RATING
from ..types import ProgressionReason
from .reports import day_of, week_monday
from .simulation_goals import weeks_to_goal

# (since, until, new vote scale) -> [(day the pay was posted, account id, XP difference)]
WeeklyPayReplay = Callable[[datetime, datetime, tuple[int, ...]], Iterable[tuple[date, int, int]]]
_WEEKLY_PAY_REPLAYS: list[WeeklyPayReplay] = []

ISSUED, SPENT, DEVELOPMENT = 0, 1, 2


def register_weekly_pay_replay(replay: WeeklyPayReplay) -> None:
    if replay not in _WEEKLY_PAY_REPLAYS:
        _WEEKLY_PAY_REPLAYS.append(replay)


def replays_vote_pay() -> bool:
    return bool(_WEEKLY_PAY_REPLAYS)


@dataclass(frozen=True)
class Simulation:
    since: datetime
    until: datetime
    weeks: list[rules.WeekRow]
    price_changes: list[tuple[str, rules.PriceChange]]  # (label, change)
    goals_before: rules.WeeksSummary
    goals_after: rules.WeeksSummary


def proposed_change(
    *,
    charts: Iterable[str] = (),
    class_modifiers: Iterable[str] = (),
    trait_modifiers: Iterable[str] = (),
    scene_points_per_use: int | None = None,
    vote_scale: str | None = None,
) -> rules.ProposedChange:
    """The change staff typed, names looked up: charts as "CHART:LEVEL=COST[,LEVEL=COST]",
    modifiers as "NAME=PERCENT", the vote scale as "3,2,2,1". ValueError with a line to show."""
    entries = {}
    for text in charts:
        name, levels = rules.parse_chart_entries(text)
        entries.setdefault(_named(XPCostChart, "name", name, "chart"), {}).update(levels)
    modifiers = []
    for model, texts, what in (
        (CharacterClass, class_modifiers, "class"),
        (Trait, trait_modifiers, "trait"),
    ):
        found = {}
        for text in texts:
            name, percent = rules.parse_assignment(text, what=f"a {what} cost modifier")
            if percent < 1:
                raise ValueError(f"A cost modifier is a percentage of at least 1, not {percent}.")
            found[_named(model, "name", name, what)] = percent
        modifiers.append(found)
    if scene_points_per_use is not None and scene_points_per_use < 0:
        raise ValueError("Scene points per use cannot be negative.")
    xp_by_vote = None
    if vote_scale is not None:
        if not replays_vote_pay():
            raise ValueError(
                "The weekly vote pay cannot be replayed: world.voting is not installed."
            )
        xp_by_vote = rules.parse_numbers(vote_scale, what="The vote scale")
    return rules.ProposedChange(
        chart_entries=entries,
        class_modifiers=modifiers[0],
        trait_modifiers=modifiers[1],
        scene_points_per_use=scene_points_per_use,
        xp_by_vote=xp_by_vote,
    )


def _named(model, field: str, name: str, what: str) -> int:
    found = list(model.objects.filter(**{f"{field}__iexact": name}).values_list("pk", flat=True))
    if len(found) != 1:
        raise ValueError(f"No {what} is called {name!r}.")
    return found[0]


def replay_window(weeks: int, *, now: datetime | None = None) -> tuple[datetime, datetime]:
    """The last `weeks` whole ISO weeks before `now` (UTC), as (start, end), end excluded."""
    today = (now or timezone.now()).astimezone(UTC).date()
    until = datetime.combine(today - timedelta(days=today.weekday()), time.min, tzinfo=UTC)
    return until - timedelta(weeks=weeks), until


def simulate(
    change: rules.ProposedChange, *, weeks: int = 8, now: datetime | None = None
) -> Simulation:
    """Replay the last `weeks` weeks under `change`, side by side with what happened."""
    since, until = replay_window(weeks, now=now)
    mondays = [(since + timedelta(weeks=n)).date() for n in range(weeks)]
    entries, links = _catalogue()
    before = rules.price_table(entries, links)
    after = rules.price_table(entries, links, change) if change.changes_prices else before

    purchases = _purchases(since, until)
    deltas: dict[date, tuple[int, int, int]] = {}
    bought: dict[rules.PriceKey, int] = defaultdict(int)
    for (day, key), count in purchases.items():
        bought[key] += count
        difference = count * ((after.get(key) or 0) - (before.get(key) or 0))
        rules.add_delta(deltas, week_monday(day), SPENT, difference)
    pay_changes = _vote_pay_changes(since, until, change.xp_by_vote)
    pay_by_account: dict[int, int] = defaultdict(int)
    for day, account, difference in pay_changes:
        rules.add_delta(deltas, week_monday(day), ISSUED, difference)
        pay_by_account[account] += difference
    if change.scene_points_per_use is not None:
        for day, difference in _scene_development_changes(since, until, change):
            rules.add_delta(deltas, week_monday(day), DEVELOPMENT, difference)

    changes = rules.price_changes(bought, before, after)
    actual, (account_earned, own_earned) = _actual_weeks(mondays)
    before_weeks, after_weeks = weeks_to_goal(
        weeks,
        before,
        after,
        own_earned=own_earned,
        account_earned=account_earned,
        pay_by_account=pay_by_account,
    )
    return Simulation(
        since=since,
        until=until,
        weeks=rules.week_rows(mondays, actual, deltas),
        price_changes=list(zip(_labels(row.key for row in changes), changes, strict=True)),
        goals_before=rules.summarise_weeks(before_weeks),
        goals_after=rules.summarise_weeks(after_weeks),
    )


def _catalogue() -> tuple[dict[int, dict[int, int]], list[rules.CostLink]]:
    entries: dict[int, dict[int, int]] = defaultdict(dict)
    for chart, level, cost in XPCostEntry.objects.values_list("chart_id", "level", "xp_cost"):
        entries[chart][level] = cost
    links = [
        rules.CostLink(CLASS_LEVEL, *row)
        for row in ClassXPCost.objects.values_list(
            "character_class_id", "cost_chart_id", "cost_modifier", "cost_chart__is_active"
        )
    ] + [
        rules.CostLink(TRAIT_RATING, *row)
        for row in TraitXPCost.objects.values_list(
            "trait_id", "cost_chart_id", "cost_modifier", "cost_chart__is_active"
        )
    ]
    return entries, links


def _purchases(since, until) -> dict[tuple[object, rules.PriceKey], int]:
    """{(day, price key): unlocks bought that day}, refunded ones too (they were paid)."""
    rows = (
        CharacterUnlock.objects.filter(unlocked_date__gte=since, unlocked_date__lt=until)
        .annotate(day=day_of("unlocked_date"))
        .order_by()
        .values_list("day", "character_class_id", "target_level", "trait_id", "target_rating")
        .annotate(count=Count("id"))
    )
    found = {}
    for day, class_id, level, trait_id, rating, count in rows:
        key = (CLASS_LEVEL, class_id, level) if class_id else (TRAIT_RATING, trait_id, rating)
        found[day, key] = count
    return found


def _vote_pay_changes(since, until, xp_by_vote) -> list[tuple[date, int, int]]:
    if xp_by_vote is None:
        return []
    return [row for replay in _WEEKLY_PAY_REPLAYS for row in replay(since, until, xp_by_vote)]


def _scene_development_changes(since, until, change) -> list[tuple[object, int]]:
    """[(day, development difference)] for the scene awards in the window: each trait's award
    recomputed from its recorded uses at the proposed points per use (distinction rate
    modifiers and banking are left out: they scale both sides alike)."""
    uses = SceneTraitUse.objects.filter(
        scene_id=OuterRef("scene_id"),
        character_id=OuterRef("character_id"),
        trait_id=OuterRef("trait_id"),
    ).values("uses")[:1]
    rows = (
        DevelopmentTransaction.objects.filter(
            reason=ProgressionReason.SCENE_AWARD,
            scene__isnull=False,
            amount__gt=0,
            transaction_date__gte=since,
            transaction_date__lt=until,
        )
        .annotate(day=day_of("transaction_date"), uses=Subquery(uses))
        .filter(uses__isnull=False)
        .order_by()
        .values_list("day", "uses")
        .annotate(count=Count("id"))
    )
    cap = settings.PROGRESSION_SCENE_CAP_PER_TRAIT
    old, new = settings.PROGRESSION_SCENE_POINTS_PER_USE, change.scene_points_per_use
    return [
        (
            day,
            count
            * (scene_points(used, per_use=new, cap=cap) - scene_points(used, per_use=old, cap=cap)),
        )
        for day, used, count in rows
    ]


def _actual_weeks(mondays: list[date]) -> tuple[dict[date, tuple[int, int, int]], list[dict]]:
    """{Monday: (XP issued, XP spent, development issued)} from the ledgers, as the economy
    report counts them: issued is every credit but a refund, spent every debit; account and
    character XP together. Also what each account, and each character, earned in the weeks
    ([{account id: XP}, {character id: XP}]).

    One pass over each XP ledger, grouped by owner with a sum per week: the ledgers have no
    index by date, so each read is a scan, and grouping by day and owner would return nearly
    a row per transaction."""
    starts = [datetime.combine(monday, time.min, tzinfo=UTC) for monday in mondays]
    window = Q(transaction_date__gte=starts[0], transaction_date__lt=starts[-1] + timedelta(7))
    earned = Q(amount__gt=0) & ~Q(reason=ProgressionReason.REFUND)
    sums = {}
    for n, start in enumerate(starts):
        week = Q(transaction_date__gte=start, transaction_date__lt=start + timedelta(7))
        sums[f"issued{n}"] = Sum("amount", filter=week & earned)
        sums[f"spent{n}"] = Sum("amount", filter=week & Q(amount__lt=0))
    totals: dict[date, tuple[int, int, int]] = {}
    earned_by: list[dict] = []
    for model, owner in ((XPTransaction, "account_id"), (CharacterXPTransaction, "character_id")):
        by_owner: dict[int, int] = {}
        issued, spent = [0] * len(starts), [0] * len(starts)
        rows = model.objects.filter(window).order_by().values(owner).annotate(**sums)
        for row in rows.values(owner, *sums):
            row_issued = [row[f"issued{n}"] or 0 for n in range(len(starts))]
            by_owner[row[owner]] = sum(row_issued)
            for n in range(len(starts)):
                issued[n] += row_issued[n]
                spent[n] -= row[f"spent{n}"] or 0
        for n, monday in enumerate(mondays):
            rules.add_delta(totals, monday, ISSUED, issued[n])
            rules.add_delta(totals, monday, SPENT, spent[n])
        earned_by.append(by_owner)
    for day, points in (
        DevelopmentTransaction.objects.filter(window, amount__gt=0)
        .annotate(day=day_of("transaction_date"))
        .order_by()
        .values_list("day")
        .annotate(points=Sum("amount"))
    ):
        rules.add_delta(totals, week_monday(day), DEVELOPMENT, points or 0)
    return totals, earned_by


def _labels(keys: Iterable[rules.PriceKey]) -> list[str]:
    keys = list(keys)
    classes = dict(
        CharacterClass.objects.filter(
            pk__in={subject for kind, subject, _ in keys if kind == CLASS_LEVEL}
        ).values_list("pk", "name")
    )
    traits = dict(
        Trait.objects.filter(
            pk__in={subject for kind, subject, _ in keys if kind == TRAIT_RATING}
        ).values_list("pk", "name")
    )
    return [
        f"{classes.get(subject)} level {target}"
        if kind == CLASS_LEVEL
        else f"{traits.get(subject)} {rating_text(target)}"
        for kind, subject, target in keys
    ]
