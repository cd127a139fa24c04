"""Voting's answer to `world.scenes`' announcement (`scene_finished`, connected in the app's
ready()): a scene the farming guard lets through counts toward the weekly scene bonus of each
player who posed in it (a GM who never posed is not counted)."""

from __future__ import annotations

from django.utils import timezone

from world.progression.selectors.scene_credit import scene_verdict

from .models import SceneCredit
from .rules import week_of


def count_finished_scene(sender, *, scene, **kwargs) -> None:
    """Record `scene` for the weekly bonus of its players' accounts when it qualified; runs
    inside the transaction finishing it, so a rolled-back finish counts for nobody."""
    verdict = scene_verdict(scene)
    if not verdict.qualified:
        return
    week = week_of(scene.date_finished or timezone.now())
    SceneCredit.objects.bulk_create(
        [
            SceneCredit(scene_id=scene.pk, account_id=account_pk, week=week)
            for account_pk in sorted(set(verdict.players.values()))
        ],
        ignore_conflicts=True,
    )


__all__ = ["count_finished_scene"]
