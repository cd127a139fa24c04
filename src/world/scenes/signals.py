"""What scenes announce to the apps above them, which scenes never import (they listen, connected
in their AppConfig.ready): `scene_finished`, sent once per scene inside the transaction that
finishes it, so whatever a listener writes commits or rolls back with the finish.

A listener is called as `receiver(sender=Scene, scene=scene, finished_by=account or None)`
and may return a SceneFinishNote: its lines are told to whoever finished the scene (and the
room), its transactions summed up in the finish's message.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.dispatch import Signal

scene_finished = Signal()


@dataclass(frozen=True)
class SceneFinishNote:
    """What one listener made of a finished scene: lines for the players, and the development
    transactions it posted (if any)."""

    lines: tuple[str, ...] = ()
    transactions: tuple = ()


def announce_finished(scene, *, finished_by=None) -> list[SceneFinishNote]:
    """Send `scene_finished` for `scene`; the notes its listeners returned, in their order.
    A listener's error propagates, so the finish rolls back rather than half-happen."""
    responses = scene_finished.send(sender=type(scene), scene=scene, finished_by=finished_by)
    return [note for _receiver, note in responses if isinstance(note, SceneFinishNote)]


__all__ = ["SceneFinishNote", "announce_finished", "scene_finished"]
