"""Development from a finished scene: progression's answer to `world.scenes`' announcement
(`scene_finished`, connected in the app's ready()). Only a scene the farming guard lets through
pays (`selectors.scene_credit.scene_verdict`), and never past a character's weekly caps."""

from __future__ import annotations

from django.utils import timezone

from world.scenes.models import Scene, SceneParticipation
from world.scenes.signals import SceneFinishNote

from ..conf import progression_settings
from ..models.locks import lock_characters
from ..rules.achievements import SCENE_QUALIFIED
from ..rules.scene_caps import capped_scene_awards
from ..rules.weeks import week_of
from ..selectors.scene_credit import scene_development_in_week, scene_verdict
from .achievements import report_play
from .scene_integration import (
    award_scene_development_points,
    calculate_automatic_scene_awards,
    credited_characters,
)


def credit_finished_scene(sender, *, scene: Scene, finished_by=None, **kwargs) -> SceneFinishNote:
    """Award `scene`'s development if it qualified, within each character's weekly caps.

    Runs inside the transaction finishing the scene; the earners are locked before their week's
    earnings are read, so two scenes finishing at once cannot both fill the same room."""
    verdict = scene_verdict(scene)
    if not verdict.qualified:
        return SceneFinishNote(lines=(verdict.reason,))
    earners = credited_characters(scene, verdict.earners)
    participations = list(
        SceneParticipation.objects.filter(scene_id=scene.pk, character_id__in=earners)
        .select_related("character")
        .order_by("character_id")
    )
    lock_characters(row.character_id for row in participations)
    awards = calculate_automatic_scene_awards(scene, participations)
    capped, trimmed = weekly_capped(awards, week=week_of(scene.date_finished or timezone.now()))
    transactions = award_scene_development_points(scene, participations, capped, gm=finished_by)
    # Each earner played a scene that counted: their achievements count it once it commits
    # (after the development above is told).
    report_play(verdict.earners, SCENE_QUALIFIED)
    lines = [verdict.reason]
    if trimmed:
        lines.append(
            "Some of it was over a weekly cap on development from scenes "
            f"({progression_settings.SCENE_WEEKLY_CAP_PER_TRAIT} a trait, "
            f"{progression_settings.SCENE_WEEKLY_CAP} in all) and was not awarded."
        )
    return SceneFinishNote(lines=tuple(lines), transactions=tuple(transactions))


def weekly_capped(awards: dict, *, week: str) -> tuple[dict, bool]:
    """`awards` ({character pk: {Trait: points}}) cut to what fits in each character's `week`,
    and whether anything was cut."""
    earned = scene_development_in_week(awards, week)
    capped: dict = {}
    trimmed = False
    for character_pk, trait_points in awards.items():
        traits = {trait.pk: trait for trait in trait_points}
        fits = capped_scene_awards(
            {trait.pk: points for trait, points in trait_points.items()},
            earned.get(character_pk, {}),
            per_trait_cap=progression_settings.SCENE_WEEKLY_CAP_PER_TRAIT,
            total_cap=progression_settings.SCENE_WEEKLY_CAP,
        )
        trimmed = trimmed or sum(fits.values()) < sum(trait_points.values())
        if fits:
            capped[character_pk] = {traits[pk]: points for pk, points in fits.items()}
    return capped, trimmed


__all__ = ["credit_finished_scene", "weekly_capped"]
