"""The economy report for staff: what was issued and spent, who earned most, kudos that come
mostly from one other account (possible vote trading), and possible alts among the accounts
that gave or got kudos. Read-only, a fixed number of aggregate queries whatever the date
range (ten)."""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.db import connection
from django.db.models import CharField, Count, Q, Sum
from django.db.models.functions import Cast, Substr, TruncDate
from django.utils import timezone
from evennia.accounts.models import AccountDB

from ..conf import progression_settings
from ..models import KudosClaimCategory, KudosSourceCategory, KudosTransaction, XPTransaction
from ..rules.accounts import normalised_email
from ..types import ProgressionReason

TOP_EARNERS = 10


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.combine(start, time.min), tz),
        timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), tz),
    )


def economy_report(start: date, end: date) -> dict:
    """Everything `progression_report` prints, for transactions dated start..end (inclusive).

    Each ledger is read in as few passes as its sections allow (a year of a big game is a
    million rows), grouped by ids, with names looked up in Python: XP once per day and reason
    (weeks and reasons) and once per account (top earners); kudos once per day and category,
    once per account (top earners, and who to check for alts with the givers), and once for
    the (account, giver) pairs large enough to be flagged as single-source.
    """
    since, until = _bounds(start, end)
    xp = XPTransaction.objects.filter(transaction_date__gte=since, transaction_date__lt=until)
    kudos = KudosTransaction.objects.filter(transaction_date__gte=since, transaction_date__lt=until)
    earned = Q(amount__gt=0) & ~Q(reason=ProgressionReason.REFUND)

    weeks: dict[date, dict] = defaultdict(
        lambda: {"xp_issued": 0, "xp_spent": 0, "kudos_issued": 0, "kudos_claimed": 0}
    )
    reasons: dict[str, dict] = defaultdict(lambda: {"amount": 0, "count": 0})
    for row in (
        xp.annotate(day=day_of("transaction_date"))
        .values("day", "reason")
        .annotate(
            issued=Sum("amount", filter=earned),
            spent=Sum("amount", filter=Q(amount__lt=0)),
            total=Sum("amount"),
            count=Count("id"),
        )
    ):
        week = weeks[week_monday(row["day"])]
        week["xp_issued"] += row["issued"] or 0
        week["xp_spent"] += -(row["spent"] or 0)
        reasons[row["reason"]]["amount"] += row["total"]
        reasons[row["reason"]]["count"] += row["count"]
    by_reason = [
        {"reason": reason, "label": ProgressionReason(reason).label, **totals}
        for reason, totals in sorted(reasons.items())
    ]

    categories = _category_names()
    issued: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    claimed: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in (
        kudos.annotate(day=day_of("transaction_date"))
        .values("day", "source_category_id", "claim_category_id")
        .annotate(total=Sum("amount"), count=Count("id"))
    ):
        week = weeks[week_monday(row["day"])]
        if row["total"] > 0:  # awards have a source category and a positive amount
            week["kudos_issued"] += row["total"]
            totals = issued[categories["source", row["source_category_id"]]]
        else:
            week["kudos_claimed"] += -row["total"]
            totals = claimed[categories["claim", row["claim_category_id"]]]
        totals[0] += row["total"]
        totals[1] += row["count"]
    kudos_by_category = [
        {"category": name, "amount": amount, "count": count}
        for name, (amount, count) in sorted(issued.items(), key=lambda item: -item[1][0])
    ] + [
        {"category": f"claimed: {name}", "amount": amount, "count": count}
        for name, (amount, count) in sorted(claimed.items(), key=lambda item: item[1][0])
    ]
    # Grouped by id, not joined to the accounts' names: the join over every row cost more than
    # the grouping itself, and sending every earner's total (one row per account) is cheap.
    xp_earned = xp.filter(earned).order_by().values_list("account_id").annotate(Sum("amount"))
    # Every account with kudos rows in the range (one that only claimed has None received).
    received = {
        account: (total, from_players)
        for account, total, from_players in kudos.values_list("account_id").annotate(
            total=Sum("amount", filter=Q(amount__gt=0)),
            from_players=Sum("amount", filter=Q(amount__gt=0, awarded_by__isnull=False)),
        )
    }
    givers = set(
        kudos.filter(awarded_by__isnull=False)
        .order_by()  # the model's ordering would make DISTINCT keep every row
        .values_list("awarded_by_id", flat=True)
        .distinct()
    )
    everyone = _all_accounts()
    accounts = {pk: everyone[pk] for pk in set(received) | givers}
    top_xp = [
        {"account": name, "amount": amount}
        for name, amount in sorted(
            ((everyone[pk][0], total) for pk, total in xp_earned),
            key=lambda item: (-item[1], item[0]),
        )[:TOP_EARNERS]
    ]
    return {
        "start": start,
        "end": end,
        "weeks": [{"week_start": week, **totals} for week, totals in sorted(weeks.items())],
        "xp_by_reason": by_reason,
        "kudos_by_category": kudos_by_category,
        "top_xp_earners": top_xp,
        "top_kudos_earners": _top_kudos(received, accounts),
        "single_source_kudos": single_source_kudos(kudos, received, accounts),
        "possible_alts": possible_alts(accounts),
    }


def day_of(field: str):
    """The day of `field` in the current time zone, for grouping a ledger by day.

    On SQLite Django computes TruncDate and TruncWeek in a Python function called for every row
    (4 s for 100,000 rows); SQLite keeps datetimes as UTC text, so in UTC the day is the text's
    first ten characters, which SQLite reads by itself.
    """
    if connection.vendor == "sqlite" and timezone.get_current_timezone_name() == "UTC":
        return Substr(Cast(field, CharField()), 1, 10)
    return TruncDate(field)


def week_monday(day: date | str) -> date:
    """The Monday starting the week of `day` (a date, or SQLite's YYYY-MM-DD text)."""
    if isinstance(day, str):
        day = date.fromisoformat(day)
    return day - timedelta(days=day.weekday())


def _category_names() -> dict[tuple[str, int | None], str | None]:
    """Display names of every kudos source and claim category (a handful of rows)."""
    names: dict[tuple[str, int | None], str | None] = defaultdict(lambda: None)
    for pk, name in KudosSourceCategory.objects.values_list("pk", "display_name"):
        names["source", pk] = name
    for pk, name in KudosClaimCategory.objects.values_list("pk", "display_name"):
        names["claim", pk] = name
    return names


def _all_accounts() -> dict[int, tuple[str, str]]:
    """{id: (username, email)} of every account: on a big game nearly every account is in the
    report, and a list of thousands of ids is slower to send than the rows."""
    return {
        pk: (username, email)
        for pk, username, email in AccountDB.objects.values_list("pk", "username", "email")
    }


def _top_kudos(received, accounts) -> list[dict]:
    ranked = sorted(
        ((accounts[pk][0], total) for pk, (total, _players) in received.items() if total),
        key=lambda item: (-item[1], item[0]),
    )
    return [{"account": name, "amount": amount} for name, amount in ranked[:TOP_EARNERS]]


def single_source_kudos(kudos, received, accounts) -> list[dict]:
    """Accounts whose kudos from other players come mostly from one account.

    Flagged when one giver supplied at least PROGRESSION_REPORT_SINGLE_SOURCE_SHARE of an
    account's player-given kudos and the account received at least
    PROGRESSION_REPORT_SINGLE_SOURCE_MINIMUM of them: a pair trading votes looks like this, a
    well-liked player does not. Such a giver gave at least share x minimum, so only the pairs
    that reach that are read (`received`: account id -> (kudos, kudos from players)).
    """
    share = progression_settings.REPORT_SINGLE_SOURCE_SHARE
    minimum = progression_settings.REPORT_SINGLE_SOURCE_MINIMUM
    pairs = (
        kudos.filter(amount__gt=0, awarded_by__isnull=False)
        .values_list("account_id", "awarded_by_id")
        .annotate(total=Sum("amount"))
        .filter(total__gte=math.floor(share * minimum))
    )
    strongest: dict[int, tuple[int, str]] = {}
    for account, giver, amount in pairs:
        candidate = (amount, accounts[giver][0])
        strongest[account] = max(strongest.get(account, candidate), candidate)
    flagged = []
    for account, (amount, giver) in strongest.items():
        total = received[account][1]
        if total >= minimum and amount / total >= share:
            flagged.append(
                {
                    "account": accounts[account][0],
                    "giver": giver,
                    "from_giver": amount,
                    "total": total,
                    "share": round(amount / total, 2),
                }
            )
    return sorted(flagged, key=lambda row: (-row["share"], row["account"]))


def possible_alts(accounts) -> list[dict]:
    """Groups of accounts, among `accounts` ({id: (username, email)}: those that gave or got
    kudos), that share a mailbox (`normalised_email`) or the IP address they were created from
    (Evennia keeps it as the `creator_ip` attribute; it keeps no last-login IP). Staff judge: a
    shared IP is often a household or a campus. Each group: {"shared", "value", "accounts"}.
    """
    groups: dict[tuple[str, str], set[str]] = defaultdict(set)
    for username, email in accounts.values():
        mailbox = normalised_email(email)
        if mailbox is not None:
            groups["email", mailbox].add(username)
    for pk, ip in AccountDB.objects.filter(
        db_attributes__db_key="creator_ip", db_attributes__db_category__isnull=True
    ).values_list("pk", "db_attributes__db_value"):
        if pk in accounts and isinstance(ip, str) and ip.strip():
            groups["creation IP", ip.strip()].add(accounts[pk][0])
    return [
        {"shared": shared, "value": value, "accounts": sorted(members)}
        for (shared, value), members in sorted(groups.items())
        if len(members) > 1
    ]
