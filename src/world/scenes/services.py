"""Changing scenes: finishing one, which hands its participants their development awards."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from .models import Scene, SceneParticipation


@dataclass(frozen=True)
class SceneFinishResult:
    """What finishing a scene did: `already_finished` is True when it had been finished before
    (by this call's time) and nothing was awarded now."""

    scene: Scene
    already_finished: bool
    transactions: list = field(default_factory=list)

    @property
    def message(self) -> str:
        scene = self.scene
        if self.already_finished:
            return (
                f"Scene #{scene.pk} '{scene.name}' was already finished "
                f"({scene.date_finished:%Y-%m-%d %H:%M}); nothing more was awarded."
            )
        characters = len({tx.character_id for tx in self.transactions})
        points = sum(tx.amount for tx in self.transactions)
        if not self.transactions:
            return f"Scene #{scene.pk} '{scene.name}' is finished; nobody earned development."
        return (
            f"Scene #{scene.pk} '{scene.name}' is finished: {points} development point"
            f"{'s' if points != 1 else ''} to {characters} character"
            f"{'s' if characters != 1 else ''}."
        )


def scene_award_participations(scene: Scene) -> list[SceneParticipation]:
    """The participations that earn scene awards: everyone but the scene's GMs, who run it
    rather than play in it."""
    return list(
        SceneParticipation.objects.filter(scene_id=scene.pk, is_gm=False)
        .select_related("character")
        .order_by("character_id")
    )


def finish_scene(scene: Scene, *, finished_by=None) -> SceneFinishResult:
    """Mark the scene finished and award its participants' development, exactly once.

    The scene row is locked first and its finish date read under the lock, so of two concurrent
    finishes one awards and the other finds the scene finished; awards are also keyed by scene,
    character and trait, so they could not be paid twice even without the lock. `finished_by`
    (an account) is recorded as the GM on the awards.
    """
    from world.progression.services.scene_integration import (
        award_scene_development_points,
        calculate_automatic_scene_awards,
    )

    with transaction.atomic():
        # FOR NO KEY UPDATE still serialises finishes, yet lets rows that reference the scene
        # (poses, awards) be inserted meanwhile.
        locked = Scene.objects.select_for_update(no_key=True).get(pk=scene.pk)
        if locked.date_finished is not None:
            _copy_finish(locked, scene)
            return SceneFinishResult(scene=locked, already_finished=True)
        participations = scene_award_participations(locked)
        awards = calculate_automatic_scene_awards(locked, participations)
        transactions = award_scene_development_points(
            locked, participations, awards, gm=finished_by
        )
        locked.date_finished = timezone.now()
        locked.is_active = False
        locked.save(update_fields=["date_finished", "is_active"])
    _copy_finish(locked, scene)
    return SceneFinishResult(scene=locked, already_finished=False, transactions=transactions)


def _copy_finish(source: Scene, target: Scene) -> None:
    # The caller's instance should show the scene as finished, like the row now does.
    target.date_finished = source.date_finished
    target.is_active = source.is_active
