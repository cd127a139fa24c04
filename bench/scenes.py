"""`scene/log` on a big scene (issue 20: a 1,600-pose log read whole took 10.3 s and 8.4 MB of
the reactor's time and memory): pages at the start and the end of 2,000 poses of 6,000
characters, run as the command handler runs them, with the memory one page allocates."""

from __future__ import annotations

import tracemalloc

POSES = 2_000
POSE_LENGTH = 6_000


def scene_log_rows(measure, notes):
    from evennia.utils.create import create_object

    from typeclasses.factories import AccountFactory, CharacterFactory
    from world.scenes.models import SceneMessage
    from world.scenes.services import start_scene

    account = AccountFactory()
    room = create_object("typeclasses.rooms.Room", key="Bench Arena")
    character = CharacterFactory(account=account, key="Benchgm", location=room)
    scene = start_scene(room=room, character=character, name="Bench marathon")
    # Markup and long words in every pose: the plain-text pass has real work to do.
    pose = ("Benchgm |rswings|n and misses, " * 300)[:POSE_LENGTH]
    SceneMessage.objects.bulk_create(
        [SceneMessage(scene=scene, character=character, content=pose) for _ in range(POSES)],
        batch_size=200,
    )
    player = ScenePlayer(character, account)
    last = POSES // 10
    for page in (1, last):
        typed = f"scene/log {scene.pk} {page}"
        yield measure(
            f"scene/log page {page} of {last} ({POSES:,} poses x {POSE_LENGTH:,} chars)",
            lambda i, typed=typed: player.run(typed),
            repetitions=100,
        )
        notes.append(f"{typed}: {player.peak_kib(typed):.0f} KiB allocated at peak")


class ScenePlayer:
    """A character whose commands run as Evennia's command handler runs them."""

    def __init__(self, character, account):
        from bench.big import _session

        self.character, self.account = character, account
        self.session = _session(account)

    def run(self, typed: str) -> str:
        from bench.big import _SENT
        from world.scenes.commands import SCENE_COMMANDS

        name, _, args = typed.partition(" ")
        key, _, switch = name.partition("/")
        command = next(c for c in SCENE_COMMANDS if c.key == key)()
        command.caller = command.obj = self.character
        command.account, command.session = self.account, self.session
        command.cmdname = command.cmdstring = command.raw_cmdname = key
        command.args = f"/{switch} {args}" if switch else f" {args}"
        command.raw_string, command.cmdset = typed, None
        _SENT.clear()
        command.at_pre_cmd()
        command.parse()
        command.func()
        command.at_post_cmd()
        text = "\n".join(str(sent.get("text", "")) for sent in _SENT)
        if text.startswith("|r") or "Bench marathon" not in text:
            raise RuntimeError(f"{typed!r} answered: {text[:200]}")
        return text

    def peak_kib(self, typed: str) -> float:
        tracemalloc.start()
        try:
            self.run(typed)
            return tracemalloc.get_traced_memory()[1] / 1024
        finally:
            tracemalloc.stop()
