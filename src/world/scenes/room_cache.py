"""The open scene of a room, cached on the room: what every say and pose asks first.

`room.ndb.open_scene` holds (scene pk, {participant character pks}) or NO_OPEN_SCENE; every
service that changes a room's scene or roster forgets it, and the next pose reloads it.
"""

from __future__ import annotations

from .models import SceneParticipation
from .selectors import open_scene_in

NO_OPEN_SCENE = "none"


def open_scene_cache(room):
    """(scene pk, {participant character pks}) of `room`'s open scene, loaded once and kept on
    the room; None when no scene is open there."""
    if room is None or room.pk is None:
        return None
    cached = room.ndb.open_scene
    if cached is None:
        scene = open_scene_in(room)
        if scene is None:
            cached = NO_OPEN_SCENE
        else:
            cached = (
                scene.pk,
                set(
                    SceneParticipation.objects.filter(scene_id=scene.pk).values_list(
                        "character_id", flat=True
                    )
                ),
            )
        room.ndb.open_scene = cached
    return None if cached == NO_OPEN_SCENE else cached


def forget_open_scene(room_pk) -> None:
    """Drop the cached open scene of the room with `room_pk`, if that room is loaded."""
    if room_pk is None:
        return
    from evennia.objects.models import ObjectDB

    room = ObjectDB.get_cached_instance(room_pk)
    if room is not None:
        room.ndb.open_scene = None


def forget_scene_room(sender, instance, **kwargs) -> None:
    """Signal receiver: a scene was saved or deleted, so its room's cache may be stale."""
    forget_open_scene(instance.location_id)
