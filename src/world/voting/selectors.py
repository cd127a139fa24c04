"""Reads about votes: what a voter has left, and what each account earned in a week."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count
from django.utils import timezone
from evennia.accounts.models import AccountDB

from world.progression.models import XPTransaction
from world.progression.selectors.players import player_identities
from world.scenes.models import SceneParticipation

from .conf import setting
from .models import SceneCredit, Vote
from .rules import new_partners, vote_xp, week_bounds, week_of


def character_named(name: str):
    """The character called `name` (any case), or None; the first made wins a shared name."""
    from evennia.objects.models import ObjectDB
    from evennia.objects.objects import DefaultCharacter

    name = " ".join((name or "").split())
    if not name:
        return None
    for candidate in ObjectDB.objects.filter(db_key__iexact=name).order_by("pk"):
        if isinstance(candidate, DefaultCharacter):
            return candidate
    return None


def votes_cast(voter, week: str) -> list[Vote]:
    return list(
        Vote.objects.filter(voter_id=voter.pk, week=week)
        .select_related("character")
        .order_by("created", "pk")
    )


def votes_received_by_account(week: str) -> dict[int, int]:
    """{account pk: votes its characters received in `week`}, one query."""
    return dict(
        Vote.objects.filter(week=week)
        .order_by()
        .values_list("recipient_id")
        .annotate(votes=Count("pk"))
        .values_list("recipient_id", "votes")
    )


def scenes_finished_by_account(week: str) -> dict[int, int]:
    """{account pk: qualifying scenes it posed in that finished during `week`}, one query (the
    credits `scene_credit.count_finished_scene` recorded; one per player and scene)."""
    return dict(
        SceneCredit.objects.filter(week=week)
        .order_by()
        .values_list("account_id")
        .annotate(scenes=Count("scene_id", distinct=True))
        .values_list("account_id", "scenes")
    )


def new_partners_by_account(week: str, *, weeks: int) -> dict[int, int]:
    """{account pk: players it shared a qualifying scene with in `week` and had shared none
    with in the `weeks` weeks before} (`rules.new_partners`, which counts a pair once and
    takes one player's accounts as one). Three queries at most, whatever the number of players:
    the scene credits of those weeks, their accounts, and staff's word on accounts without an
    email. An account the alt rule cannot place (no email) counts for no one."""
    first = week_of(week_bounds(week)[0] - timedelta(weeks=max(0, weeks)))
    # A range of weeks: the (week, account) index answers it.
    window = SceneCredit.objects.filter(week__gte=first, week__lte=week).order_by()
    credits = sorted(window.values_list("scene_id", "account_id", "week"))
    if not any(credited == week for *_, credited in credits):
        return {}
    identities = player_identities(
        AccountDB.objects.filter(pk__in=window.values("account_id").distinct())
    )
    this_week: dict[int, dict[str, int]] = {}
    before: dict[int, set[str]] = {}
    for scene, account, credited in credits:
        identity = identities.get(account)
        if identity is None:
            continue
        if credited == week:
            this_week.setdefault(scene, {}).setdefault(identity, account)
        else:
            before.setdefault(scene, set()).add(identity)
    return new_partners(this_week, before.values())


def first_finished_scene():
    """When the first scene anyone played in finished (None before any did)."""
    return (
        SceneParticipation.objects.filter(scene__date_finished__isnull=False)
        .order_by("scene__date_finished")
        .values_list("scene__date_finished", flat=True)
        .first()
    )


def weekly_pay_changes(since, until, xp_by_vote) -> list[tuple]:
    """[(day paid, account pk, XP difference)] for each weekly pay posted from `since` to
    `until` had its votes been worth `xp_by_vote` instead of VOTING_XP_BY_VOTE: the progression
    simulator's replay of this app's pay (two queries). The scene bonus and the hoard cap are
    as they were: an account the cap skipped stays unpaid."""
    paid = [
        (timezone.localtime(moment).date(), account, key.split(":")[1])
        for moment, account, key in XPTransaction.objects.filter(
            transaction_date__gte=since,
            transaction_date__lt=until,
            # A range, not startswith: the key's unique index answers it (SQLite's LIKE cannot).
            idempotency_key__gte="weekly:",
            idempotency_key__lt="weekly;",
        ).values_list("transaction_date", "account_id", "idempotency_key")
    ]
    votes = {
        (week, account): count
        for week, account, count in Vote.objects.filter(week__in={week for *_, week in paid})
        .order_by()
        .values_list("week", "recipient_id")
        .annotate(count=Count("pk"))
    }
    current = tuple(setting("VOTING_XP_BY_VOTE"))
    changes = []
    for day, account, week in paid:
        received = votes.get((week, account), 0)
        difference = vote_xp(received, xp_by_vote) - vote_xp(received, current)
        if difference:
            changes.append((day, account, difference))
    return changes
