"""The account progression dashboard: balances, newest transactions and claim options, read in a
fixed number of queries (five, fewer for a view that needs less) however long the history is.
Reading never creates rows."""

from __future__ import annotations

from collections.abc import Collection
from datetime import timedelta

from django.db.models import F, Sum
from django.db.models.functions import TruncWeek
from django.utils import timezone

from ..models import (
    CharacterXPTransaction,
    ExperiencePointsData,
    KudosClaimCategory,
    KudosPointsData,
    KudosTransaction,
    XPTransaction,
)
from .accounts import owned_character_ids

DASHBOARD_DEFAULT_LIMIT = 50
DASHBOARD_MAX_LIMIT = 200


# The names a ledger row shows are read as columns (`character_name`, `awarded_by_name`), not by
# joining in the character or account: each of those is an Evennia typeclassed object, which
# costs far more to build than the row itself, and only its name is shown.


def xp_history(account):
    """The account's XP ledger rows, each with `character_name` (None without a character)."""
    return XPTransaction.objects.filter(account=account).annotate(
        character_name=F("character__db_key")
    )


def character_xp_history(account):
    """Character XP ledger rows of the characters `account` owns, each with `character_name`."""
    return CharacterXPTransaction.objects.filter(
        character_id__in=owned_character_ids(account)
    ).annotate(character_name=F("character__db_key"))


def kudos_history(account):
    """The account's kudos ledger rows with their categories, each with `awarded_by_name`,
    `awarded_by_character_name` and `character_name` (None where there is none)."""
    return (
        KudosTransaction.objects.filter(account=account)
        .select_related("source_category", "claim_category")
        .annotate(
            awarded_by_name=F("awarded_by__username"),
            awarded_by_character_name=F("awarded_by_character__db_key"),
            character_name=F("character__db_key"),
        )
    )


DASHBOARD_PARTS = ("xp", "kudos", "claim_categories")


def account_dashboard(
    account,
    *,
    limit: int = DASHBOARD_DEFAULT_LIMIT,
    offset: int = 0,
    parts: Collection[str] = DASHBOARD_PARTS,
) -> dict:
    """Everything the dashboard shows for `account`; `limit` and `offset` page both histories,
    newest first. Balances of an account that never earned anything are zeros.

    `parts` names what to read, for a view that shows only some of it (the `xp` command reads
    the XP balance and history, "xp"; `kudos` reads "kudos"): each part is its own queries.
    """
    limit = max(0, min(limit, DASHBOARD_MAX_LIMIT))
    offset = max(0, offset)
    window = slice(offset, offset + limit)
    newest_first = ("-transaction_date", "-id")
    dashboard: dict = {}
    if "xp" in parts:
        xp = ExperiencePointsData.objects.filter(account=account).values(
            "total_earned", "total_spent"
        ).first() or {"total_earned": 0, "total_spent": 0}
        dashboard["xp"] = {**xp, "current_available": xp["total_earned"] - xp["total_spent"]}
        dashboard["xp_transactions"] = list(xp_history(account).order_by(*newest_first)[window])
    if "kudos" in parts:
        kudos = KudosPointsData.objects.filter(account=account).values(
            "total_earned", "total_claimed"
        ).first() or {"total_earned": 0, "total_claimed": 0}
        dashboard["kudos"] = {
            **kudos,
            "current_available": kudos["total_earned"] - kudos["total_claimed"],
        }
        dashboard["kudos_transactions"] = list(
            kudos_history(account).order_by(*newest_first)[window]
        )
    if "claim_categories" in parts:
        dashboard["claim_categories"] = list(
            KudosClaimCategory.objects.filter(is_active=True).order_by("display_name")
        )
    return dashboard


WEEKS_SHOWN = 12


def weekly_earnings(account, *, weeks: int = WEEKS_SHOWN) -> list[dict]:
    """XP and kudos earned in each of the last `weeks` weeks (Monday first, oldest first), zeros
    included, in two aggregate queries."""

    today = timezone.now().date()
    first = today - timedelta(days=today.weekday()) - timedelta(weeks=weeks - 1)

    def per_week(queryset):
        rows = (
            queryset.filter(transaction_date__date__gte=first, amount__gt=0)
            .annotate(week=TruncWeek("transaction_date"))
            .values("week")
            .annotate(total=Sum("amount"))
        )
        return {row["week"].date(): row["total"] for row in rows}

    xp = per_week(XPTransaction.objects.filter(account=account).exclude(reason="refund"))
    kudos = per_week(KudosTransaction.objects.filter(account=account))
    series = []
    for offset in range(weeks):
        start = first + timedelta(weeks=offset)
        series.append(
            {
                "week_start": start,
                "xp_earned": xp.get(start, 0),
                "kudos_earned": kudos.get(start, 0),
            }
        )
    return series
