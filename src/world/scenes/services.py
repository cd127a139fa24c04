"""Changing scenes: opening one in a room, joining and leaving it, recording what is posed in
it, and finishing it, which announces the scene to the apps that award it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .conf import setting
from .exceptions import (
    NoOpenSceneError,
    NotSceneGMError,
    NotSceneParticipantError,
    SceneAlreadyOpenError,
    SceneError,
)
from .models import Scene, SceneMessage, SceneParticipation, SceneTraitUse
from .room_cache import forget_open_scene, open_scene_cache
from .selectors import idle_open_scenes, is_participant, is_scene_gm, open_scene_in
from .shown import scene_title
from .signals import SceneFinishNote, announce_finished

SCENE_NAME_LENGTH = Scene._meta.get_field("name").max_length


@dataclass(frozen=True)
class SceneFinishResult:
    """What finishing a scene did: `already_finished` is True when it had been finished before
    (by this call's time) and nothing was awarded now; `notes` are what the apps listening to
    `scene_finished` made of it (whether it qualified for awards, and why)."""

    scene: Scene
    already_finished: bool
    notes: list[SceneFinishNote] = field(default_factory=list)

    @property
    def transactions(self) -> list:
        return [tx for note in self.notes for tx in note.transactions]

    @property
    def verdict(self) -> str:
        """The listeners' lines, one sentence after another."""
        return " ".join(line for note in self.notes for line in note.lines)

    @property
    def message(self) -> str:
        scene = self.scene
        if self.already_finished:
            return (
                f"Scene {scene_title(scene)} was already finished "
                f"({scene.date_finished:%Y-%m-%d %H:%M}); nothing more was awarded."
            )
        transactions = self.transactions
        characters = len({tx.character_id for tx in transactions})
        points = sum(tx.amount for tx in transactions)
        if not transactions:
            summary = f"Scene {scene_title(scene)} is finished; nobody earned development."
        else:
            summary = (
                f"Scene {scene_title(scene)} is finished: {points} development point"
                f"{'s' if points != 1 else ''} to {characters} character"
                f"{'s' if characters != 1 else ''}."
            )
        return f"{summary} {self.verdict}".strip()


def finish_scene(scene: Scene, *, finished_by=None) -> SceneFinishResult:
    """Mark the scene finished and announce it (`signals.scene_finished`), exactly once.

    The scene row is locked first and its finish date read under the lock, so of two concurrent
    finishes one announces and the other finds the scene finished. The listeners (progression's
    development awards, voting's weekly scene credit) run inside this transaction.
    `finished_by` (an account) is handed to them.
    """
    with transaction.atomic():
        # FOR NO KEY UPDATE still serialises finishes, yet lets rows that reference the scene
        # (poses, awards) be inserted meanwhile.
        locked = Scene.objects.select_for_update(no_key=True).get(pk=scene.pk)
        if locked.date_finished is not None:
            _copy_finish(locked, scene)
            return SceneFinishResult(scene=locked, already_finished=True)
        locked.date_finished = timezone.now()
        locked.is_active = False
        locked.save(update_fields=["date_finished", "is_active"])
        notes = announce_finished(locked, finished_by=finished_by)
    forget_open_scene(locked.location_id)
    _copy_finish(locked, scene)
    return SceneFinishResult(scene=locked, already_finished=False, notes=notes)


def _copy_finish(source: Scene, target: Scene) -> None:
    # The caller's instance should show the scene as finished, like the row now does.
    target.date_finished = source.date_finished
    target.is_active = source.is_active


# --- Playing a scene ----------------------------------------------------------------------------


def start_scene(*, room, character, account=None, name: str = "") -> Scene:
    """Open a scene in `room` with `character` as its GM. Raises SceneAlreadyOpenError when the
    room already has one, SceneError for a name too long; nothing changes then."""
    if room is None:
        raise SceneError("You need to be in a room to start a scene.")
    name = " ".join((name or "").split())
    if len(name) > SCENE_NAME_LENGTH:
        raise SceneError(f"A scene name has at most {SCENE_NAME_LENGTH} characters.")
    existing = open_scene_in(room)
    if existing is not None:
        raise SceneAlreadyOpenError(
            f"Scene {scene_title(existing)} is already open here; type 'scene/join' to join it."
        )
    try:
        with transaction.atomic():
            scene = Scene.objects.create(
                name=name or f"Scene in {room.key}"[:SCENE_NAME_LENGTH], location_id=room.pk
            )
            SceneParticipation.objects.create(
                scene=scene,
                character_id=character.pk,
                account_id=_account_id(character, account),
                is_gm=True,
            )
    except IntegrityError:
        # Someone else opened a scene here between the check and the insert.
        raise SceneAlreadyOpenError("A scene was just opened here; type 'scene/join'.") from None
    forget_open_scene(room.pk)
    return scene


def join_scene(*, room, character, account=None) -> Scene:
    """Add `character` to the open scene in `room`. Raises NoOpenSceneError when there is
    none, SceneError when the character is in it already."""
    scene = _open_scene_or_error(room)
    _, created = SceneParticipation.objects.get_or_create(
        scene=scene,
        character_id=character.pk,
        defaults={"account_id": _account_id(character, account)},
    )
    if not created:
        raise SceneError(f"You are already in scene {scene_title(scene)}.")
    forget_open_scene(room.pk)
    return scene


def leave_scene(*, room, character) -> Scene:
    """Take `character` out of the open scene in `room`: out of its roster and its awards (its
    poses stay in the log; posing again joins it again). The GM ends the scene instead."""
    scene = _open_scene_or_error(room)
    if is_scene_gm(scene, character):
        raise SceneError("You run this scene: end it with 'scene/end' instead of leaving.")
    deleted, _ = SceneParticipation.objects.filter(
        scene_id=scene.pk, character_id=character.pk
    ).delete()
    if not deleted:
        raise NotSceneParticipantError(f"You are not in scene {scene_title(scene)}.")
    forget_open_scene(room.pk)
    return scene


def end_scene(*, room, character, is_staff: bool, account=None) -> SceneFinishResult:
    """Finish the open scene in `room` for its GM or for staff, awarding it exactly once.
    Raises NoOpenSceneError, or NotSceneGMError for anyone else."""
    scene = _open_scene_or_error(room)
    if not is_staff and not is_scene_gm(scene, character):
        raise NotSceneGMError("Only the scene's GM or staff can end it.")
    return finish_scene(scene, finished_by=account)


def finish_idle_scenes(*, now=None) -> list[SceneFinishResult]:
    """Finish every open scene nobody has posed in for settings.SCENES_IDLE_MINUTES."""
    idle_since = (now or timezone.now()) - timedelta(minutes=setting("SCENES_IDLE_MINUTES"))
    return [finish_scene(scene) for scene in idle_open_scenes(idle_since=idle_since)]


def record_message(*, room, character, content: str) -> SceneMessage | None:
    """Record what `character` said or posed in `room` in the room's open scene, joining it
    first if need be; None when no scene is open there.

    Runs for every say and pose in the game, so it costs one INSERT once the room's open scene
    and roster are cached on the room (two more the first time, one more when the character
    joins), whatever the number of participants.
    """
    cached = open_scene_cache(room)
    if cached is None:
        return None
    scene_pk, _participants = cached
    _join_cached(cached, character)
    return SceneMessage.objects.create(
        scene_id=scene_pk, character_id=character.pk, content=content
    )


def record_trait_use(*, room, character, trait) -> Scene | None:
    """Count one use of `trait` by `character` in `room`'s open scene (joining it if need be);
    returns that scene, or None (and records nothing) when no scene is open there."""
    cached = open_scene_cache(room)
    if cached is None:
        return None
    scene_pk, _participants = cached
    _join_cached(cached, character)
    uses = SceneTraitUse.objects.filter(
        scene_id=scene_pk, character_id=character.pk, trait_id=trait.pk
    )
    with transaction.atomic():
        if not uses.update(uses=F("uses") + 1):
            try:
                with transaction.atomic():
                    SceneTraitUse.objects.create(
                        scene_id=scene_pk, character_id=character.pk, trait_id=trait.pk
                    )
            except IntegrityError:  # a concurrent first use won the insert
                uses.update(uses=F("uses") + 1)
    return Scene.objects.get(pk=scene_pk)


def require_participant(scene: Scene, character) -> None:
    """Scene logs are for the scene's participants: NotSceneParticipantError for others."""
    if not is_participant(scene, character):
        raise NotSceneParticipantError(f"You did not take part in scene {scene_title(scene)}.")


def _join_cached(cached, character) -> None:
    scene_pk, participants = cached
    if character.pk not in participants:
        SceneParticipation.objects.bulk_create(
            [
                SceneParticipation(
                    scene_id=scene_pk,
                    character_id=character.pk,
                    account_id=_account_id(character, None),
                )
            ],
            ignore_conflicts=True,
        )
        participants.add(character.pk)


def _open_scene_or_error(room) -> Scene:
    scene = open_scene_in(room)
    if scene is None:
        raise NoOpenSceneError()
    return scene


def _account_id(character, account):
    """The account a participation is credited to (the weekly scene bonus goes there): the one
    playing the character, else the one the character's typeclass names as its owner (its
    `credited_account` hook; scenes know nothing of ownership). Read once per joining."""
    if account is not None:
        return account.pk
    if character.db_account_id is not None:
        return character.db_account_id
    credited = getattr(character, "credited_account", None)
    owner = credited() if callable(credited) else None
    return owner.pk if owner is not None else None
