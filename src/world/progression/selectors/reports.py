"""The economy report for staff: what was issued and spent, who earned most, kudos that come
mostly from one other account (possible vote trading), and possible alts among the accounts
that gave or got kudos. Read-only, a fixed number of aggregate queries whatever the date
range."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncWeek
from django.utils import timezone
from evennia.accounts.models import AccountDB

from ..conf import progression_settings
from ..models import KudosTransaction, XPTransaction
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
    """Everything `progression_report` prints, for transactions dated start..end (inclusive)."""
    since, until = _bounds(start, end)
    xp = XPTransaction.objects.filter(transaction_date__gte=since, transaction_date__lt=until)
    kudos = KudosTransaction.objects.filter(transaction_date__gte=since, transaction_date__lt=until)
    earned = Q(amount__gt=0) & ~Q(reason=ProgressionReason.REFUND)

    weeks: dict[date, dict] = defaultdict(
        lambda: {"xp_issued": 0, "xp_spent": 0, "kudos_issued": 0, "kudos_claimed": 0}
    )
    for row in (
        xp.annotate(week=TruncWeek("transaction_date"))
        .values("week")
        .annotate(
            issued=Sum("amount", filter=earned),
            spent=Sum("amount", filter=Q(amount__lt=0)),
        )
    ):
        week = weeks[row["week"].date()]
        week["xp_issued"] += row["issued"] or 0
        week["xp_spent"] += -(row["spent"] or 0)
    for row in (
        kudos.annotate(week=TruncWeek("transaction_date"))
        .values("week")
        .annotate(
            issued=Sum("amount", filter=Q(amount__gt=0)),
            claimed=Sum("amount", filter=Q(amount__lt=0)),
        )
    ):
        week = weeks[row["week"].date()]
        week["kudos_issued"] += row["issued"] or 0
        week["kudos_claimed"] += -(row["claimed"] or 0)

    by_reason = [
        {
            "reason": row["reason"],
            "label": ProgressionReason(row["reason"]).label,
            "amount": row["total"],
            "count": row["count"],
        }
        for row in xp.values("reason")
        .annotate(total=Sum("amount"), count=Count("id"))
        .order_by("reason")
    ]
    kudos_by_category = [
        {"category": row["category"], "amount": row["total"], "count": row["count"]}
        for row in kudos.filter(amount__gt=0)
        .values(category=F("source_category__display_name"))
        .annotate(total=Sum("amount"), count=Count("id"))
        .order_by("-total")
    ] + [
        {"category": f"claimed: {row['category']}", "amount": row["total"], "count": row["count"]}
        for row in kudos.filter(amount__lt=0)
        .values(category=F("claim_category__display_name"))
        .annotate(total=Sum("amount"), count=Count("id"))
        .order_by("total")
    ]
    top_xp = [
        {"account": row["account__username"], "amount": row["total"]}
        for row in xp.filter(earned)
        .values("account__username")
        .annotate(total=Sum("amount"))
        .order_by("-total", "account__username")[:TOP_EARNERS]
    ]
    top_kudos = [
        {"account": row["account__username"], "amount": row["total"]}
        for row in kudos.filter(amount__gt=0)
        .values("account__username")
        .annotate(total=Sum("amount"))
        .order_by("-total", "account__username")[:TOP_EARNERS]
    ]
    return {
        "start": start,
        "end": end,
        "weeks": [{"week_start": week, **totals} for week, totals in sorted(weeks.items())],
        "xp_by_reason": by_reason,
        "kudos_by_category": kudos_by_category,
        "top_xp_earners": top_xp,
        "top_kudos_earners": top_kudos,
        "single_source_kudos": single_source_kudos(kudos),
        "possible_alts": possible_alts(kudos),
    }


def single_source_kudos(kudos) -> list[dict]:
    """Accounts whose kudos from other players come mostly from one account.

    Flagged when one giver supplied at least PROGRESSION_REPORT_SINGLE_SOURCE_SHARE of an
    account's player-given kudos and the account received at least
    PROGRESSION_REPORT_SINGLE_SOURCE_MINIMUM of them: a pair trading votes looks like this, a
    well-liked player does not.
    """
    share = progression_settings.REPORT_SINGLE_SOURCE_SHARE
    minimum = progression_settings.REPORT_SINGLE_SOURCE_MINIMUM
    given = (
        kudos.filter(amount__gt=0, awarded_by__isnull=False)
        .values("account__username", "awarded_by__username")
        .annotate(total=Sum("amount"))
    )
    received: dict[str, dict[str, int]] = defaultdict(dict)
    for row in given:
        received[row["account__username"]][row["awarded_by__username"]] = row["total"]
    flagged = []
    for account, givers in received.items():
        total = sum(givers.values())
        giver, amount = max(givers.items(), key=lambda item: (item[1], item[0]))
        if total >= minimum and amount / total >= share:
            flagged.append(
                {
                    "account": account,
                    "giver": giver,
                    "from_giver": amount,
                    "total": total,
                    "share": round(amount / total, 2),
                }
            )
    return sorted(flagged, key=lambda row: (-row["share"], row["account"]))


def possible_alts(kudos) -> list[dict]:
    """Groups of accounts, among those that gave or got kudos in `kudos`, that share a mailbox
    (`normalised_email`) or the IP address they were created from (Evennia keeps it as the
    `creator_ip` attribute; it keeps no last-login IP). Staff judge: a shared IP is often a
    household or a campus. Each group: {"shared", "value", "accounts"}.
    """
    involved = AccountDB.objects.filter(
        Q(pk__in=kudos.values("account_id")) | Q(pk__in=kudos.values("awarded_by_id"))
    )
    groups: dict[tuple[str, str], set[str]] = defaultdict(set)
    for username, email in involved.values_list("username", "email"):
        mailbox = normalised_email(email)
        if mailbox is not None:
            groups["email", mailbox].add(username)
    for username, ip in involved.filter(
        db_attributes__db_key="creator_ip", db_attributes__db_category__isnull=True
    ).values_list("username", "db_attributes__db_value"):
        if isinstance(ip, str) and ip.strip():
            groups["creation IP", ip.strip()].add(username)
    return [
        {"shared": shared, "value": value, "accounts": sorted(accounts)}
        for (shared, value), accounts in sorted(groups.items())
        if len(accounts) > 1
    ]
