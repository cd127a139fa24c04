"""Reads about scenes shared by the scene command, the room hook, the idle script and the admin."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, DateTimeField, Max, Q
from django.db.models.functions import Coalesce

from .models import Scene, SceneMessage, SceneParticipation


@dataclass(frozen=True)
class RosterLine:
    name: str
    is_gm: bool
    poses: int


def open_scene_in(room) -> Scene | None:
    """The open scene in `room`, or None: one query on the partial unique index."""
    if room is None or room.pk is None:
        return None
    return Scene.objects.filter(location_id=room.pk, date_finished__isnull=True).first()


def scene_named(text: str) -> Scene | None:
    """The scene meant by `#12`, `12` or its name (the newest of that name), or None."""
    text = (text or "").strip()
    number = text.lstrip("#")
    if number.isdigit():
        # Far too long a number names no scene (and would overflow the database's integer).
        return Scene.objects.filter(pk=int(number)).first() if len(number) < 19 else None
    return Scene.objects.filter(name__iexact=text).order_by("-date_started", "-pk").first()


def scene_roster(scene: Scene) -> list[RosterLine]:
    """Who is in `scene`, GMs first, each with the number of poses they made in it; one query."""
    rows = (
        SceneParticipation.objects.filter(scene_id=scene.pk)
        .annotate(
            poses=Count(
                "character__scene_messages",
                filter=Q(character__scene_messages__scene_id=scene.pk),
            )
        )
        .values_list("character__db_key", "is_gm", "poses")
        .order_by("-is_gm", "character__db_key")
    )
    return [RosterLine(name=name, is_gm=is_gm, poses=poses) for name, is_gm, poses in rows]


def is_participant(scene: Scene, character) -> bool:
    return SceneParticipation.objects.filter(scene_id=scene.pk, character_id=character.pk).exists()


def is_scene_gm(scene: Scene, character) -> bool:
    return SceneParticipation.objects.filter(
        scene_id=scene.pk, character_id=character.pk, is_gm=True
    ).exists()


def latest_scene_of(character) -> Scene | None:
    """The scene `character` took part in most recently (open or finished), or None."""
    return (
        Scene.objects.filter(participations__character_id=character.pk)
        .order_by("-date_started", "-pk")
        .first()
    )


def scene_log(scene: Scene) -> list[SceneMessage]:
    """Every message of `scene` in the order it was made, with its character; one query."""
    return list(
        SceneMessage.objects.filter(scene_id=scene.pk)
        .select_related("character")
        .order_by("created", "pk")
    )


def idle_open_scenes(*, idle_since: datetime) -> list[Scene]:
    """Open scenes whose last message (or start, if nobody posed) is older than `idle_since`."""
    return list(
        Scene.objects.filter(date_finished__isnull=True)
        .annotate(
            last_activity=Coalesce(
                Max("messages__created"), "date_started", output_field=DateTimeField()
            )
        )
        .filter(last_activity__lt=idle_since)
        .order_by("pk")
    )
