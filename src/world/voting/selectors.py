"""Reads about votes: what a voter has left, and what each account earned in a week."""

from __future__ import annotations

from django.db.models import Count

from .models import SceneCredit, Vote


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
