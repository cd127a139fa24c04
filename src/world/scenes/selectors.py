"""Reads about scenes shared by the scene command, the room hook, the idle script and the admin."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, DateTimeField, Max, Q
from django.db.models.functions import Coalesce, Length, Substr

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


def current_scene_of(character) -> Scene | None:
    """The scene `character` is in: the open scene of their room when they take part in it,
    else the one they took part in most recently."""
    here = open_scene_in(character.location)
    if here is not None and is_participant(here, character):
        return here
    return latest_scene_of(character)


@dataclass(frozen=True)
class LoggedPose:
    number: int  # its place in the scene's log, from 1
    created: datetime
    text: str  # the start of what was written, at most `length` characters of it
    is_whole: bool


def scene_log_page(scene: Scene, *, page: int, size: int, length: int) -> list[LoggedPose]:
    """Page `page` (from 1) of `scene`'s log, `size` poses in the order they were made, each
    read only to its first `length` characters: one query, fetching only the page's rows and
    only that much of each, whatever the scene's or the poses' size."""
    start = (page - 1) * size
    in_order = SceneMessage.objects.filter(scene_id=scene.pk).order_by("created", "pk")
    # The page's ids come from the index alone; only then is any text read. PostgreSQL would
    # otherwise compute SUBSTR and LENGTH (unpacking the stored text) for every row OFFSET skips.
    page_ids = in_order.values("pk")[start : start + size]
    rows = (
        in_order.filter(pk__in=page_ids)
        .annotate(start_of_text=Substr("content", 1, length), full_length=Length("content"))
        .values_list("created", "start_of_text", "full_length")
    )
    return [
        LoggedPose(
            number=start + index + 1,
            created=created,
            text=text,
            is_whole=full_length <= length,
        )
        for index, (created, text, full_length) in enumerate(rows)
    ]


def scene_pose_count(scene: Scene) -> int:
    return SceneMessage.objects.filter(scene_id=scene.pk).count()


def scene_pose(scene: Scene, number: int) -> SceneMessage | None:
    """Pose `number` (from 1) of `scene`'s log, whole, or None."""
    if number < 1:
        return None
    rows = (
        SceneMessage.objects.filter(scene_id=scene.pk)
        .order_by("created", "pk")
        .only("created", "content")[number - 1 : number]
    )
    return next(iter(rows), None)


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
