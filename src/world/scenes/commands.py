"""The scene and check commands: play in a scene, end it for its awards, roll a trait.

Each command parses its input, calls one scenes service or selector and formats the answer for
an 80-column client; every refusal (a GameError: the scenes' own, or one from an app listening
to a finished scene) is printed as one line.
"""

from __future__ import annotations

import re
from textwrap import fill

from django.utils import timezone
from evennia.commands.default.muxcommand import MuxCommand

from world.errors import GameError
from world.permissions import is_staff
from world.text import plain_text
from world.text_table import command_table

from .conf import setting
from .exceptions import InvalidCheckError, SceneError
from .shown import WIDTH, game_lines, game_text, scene_title

SCENE_USAGE = "Usage: scene, scene/start [name], scene/join, /leave, /end, /log [id] [page]"
FINISH_USAGE = "Usage: scene/finish <scene id or name>"
CHECK_USAGE = "Usage: check <trait> [vs <difficulty>]"


class SceneCommandBase(MuxCommand):
    """What the scene commands share (not itself a command players see)."""

    help_category = "Scenes"
    locks = "cmd:all()"
    known_switches: tuple[str, ...] = ()

    def func(self):
        try:
            unknown = [switch for switch in self.switches if switch not in self.known_switches]
            if unknown or len(self.switches) > 1:
                raise SceneError(self.usage_for(self.switches))
            self.run()
        except GameError as error:
            self.msg(f"|r{game_lines(str(error))}|n")

    def run(self):
        raise NotImplementedError

    def usage_for(self, switches) -> str:
        return SCENE_USAGE

    @property
    def player_account(self):
        return self.account or getattr(self.caller, "account", None)

    def caller_is_staff(self) -> bool:
        return is_staff(self.player_account)


class CmdScene(SceneCommandBase):
    """
    Play in a scene: what you say and pose in it earns development.

    Usage:
      scene
      scene/start [name]
      scene/join
      scene/leave
      scene/end
      scene/log [scene id] [page]
      scene/read <scene id> <pose number>
      scene/finish <scene id or name>     (staff)

    Switches:
      start  - open a scene in this room, with you as its GM
      join   - join the open scene here (saying or posing here joins too)
      leave  - leave it: you no longer share in its awards
      end    - finish it (its GM or staff): everyone in it but the GM earns
               development for the traits they checked and for posing, once,
               if at least two different players each posed three times in it
               over a quarter of an hour or more (it says whether it did)
      log    - read a scene you took part in, a page at a time (without an
               id, the scene you are in, else your latest)
      read   - read one pose of it whole (the log cuts long ones short)
      finish - finish any scene by its id or name (staff)

    Without a switch, shows the open scene here: who is in it, for how long,
    and how many poses each has made. A scene nobody poses in for a while is
    ended for you, with its awards.
    """

    key = "scene"
    known_switches = ("start", "join", "leave", "end", "log", "read", "finish")

    def usage_for(self, switches) -> str:
        return FINISH_USAGE if "finish" in switches else SCENE_USAGE

    def run(self):
        switch = self.switches[0] if self.switches else ""
        if switch == "finish":
            self.finish_any()
        elif switch == "log":
            self.show_log()
        elif switch == "read":
            self.read_pose()
        elif switch and self.args.strip() and switch != "start":
            raise SceneError(f"Usage: scene/{switch} (it takes nothing after it)")
        elif switch == "start":
            self.start()
        elif switch == "join":
            self.join()
        elif switch == "leave":
            self.leave()
        elif switch == "end":
            self.end()
        elif self.args.strip():
            # A staff member typing a scene's name most likely meant to finish it.
            raise SceneError(FINISH_USAGE if self.caller_is_staff() else SCENE_USAGE)
        else:
            self.show_open_scene()

    def show_open_scene(self):
        from .exceptions import NoOpenSceneError
        from .selectors import open_scene_in, scene_roster

        scene = open_scene_in(self.caller.location)
        if scene is None:
            raise NoOpenSceneError()
        minutes = int((timezone.now() - scene.date_started).total_seconds() // 60)
        lines = [
            game_lines(f"Scene {scene_title(scene)}, open for {_duration(minutes)}."),
        ]
        table = command_table(self, "Character", "Role", "Poses", width=60)
        for line in scene_roster(scene):
            table.add_row(game_text(line.name), "GM" if line.is_gm else "player", line.poses)
        table.reformat_column(2, align="r")
        lines.append(str(table))
        self.msg("\n".join(lines))

    def start(self):
        from .services import start_scene

        raw = self.args.strip()
        # A scene's name is how staff find it (scene/finish <name>): it is kept as it reads.
        name = plain_text(raw)
        if raw and not name:
            raise SceneError("A scene name needs letters, not only markup.")
        scene = start_scene(
            room=self.caller.location, character=self.caller, account=self.account, name=name
        )
        self.msg(
            game_lines(
                f"You start scene {scene_title(scene)} here, as its GM. Whatever is "
                "said or posed here is recorded; 'scene/end' ends it."
            )
        )
        self.caller.location.msg_contents(
            game_lines(
                f"{self.caller.key} starts scene {scene_title(scene)} here. What you "
                "say or pose is recorded in it; type 'scene' to see who is in it."
            ),
            exclude=[self.caller],
        )

    def join(self):
        from .services import join_scene

        scene = join_scene(room=self.caller.location, character=self.caller, account=self.account)
        self.msg(game_lines(f"You join scene {scene_title(scene)}."))

    def leave(self):
        from .services import leave_scene

        scene = leave_scene(room=self.caller.location, character=self.caller)
        self.msg(game_lines(f"You leave scene {scene_title(scene)}."))

    def end(self):
        from .services import end_scene

        result = end_scene(
            room=self.caller.location,
            character=self.caller,
            is_staff=self.caller_is_staff(),
            account=self.player_account,
        )
        self.msg(game_lines(result.message))
        if not result.already_finished:
            self.caller.location.msg_contents(
                game_lines(
                    f"{self.caller.key} ends scene {scene_title(result.scene)}. "
                    f"{result.verdict}".strip()
                ),
                exclude=[self.caller],
            )

    def finish_any(self):
        from .selectors import scene_named
        from .services import finish_scene

        if not self.caller_is_staff():
            raise SceneError("Only staff can use scene/finish.")
        text = self.args.strip()
        if not text:
            raise SceneError(FINISH_USAGE)
        scene = scene_named(text)
        if scene is None:
            raise SceneError(f"There is no scene '{plain_text(text, max_length=40)}'.")
        self.msg(game_lines(finish_scene(scene, finished_by=self.player_account).message))

    def show_log(self):
        from .log_pages import log_page_text, log_scene_and_page

        scene, page = log_scene_and_page(self)
        self.msg(log_page_text(self, scene, page))

    def read_pose(self):
        from .log_pages import read_pose_text

        self.msg(read_pose_text(self))


class CmdCheck(SceneCommandBase):
    """
    Roll one of your traits, for everyone here to see.

    Usage:
      check <trait> [vs <difficulty>]

    Rolls 2d6 (two six-sided dice; staff may change the dice) plus your rating
    in the trait, and succeeds when the total reaches the difficulty: 8 unless
    you name one, at most 30. The rating counts its whole part only: a 2.9
    adds 2, so the next whole rating is the one that makes a difference. A
    trait may be named by the start of its name (check sword). In an open
    scene, the check counts as a use of the trait: when a scene that
    qualifies ends, you earn development in it.

    Example:
      check swordsmanship vs 10
      > Ayla checks Swordsmanship: 2d6 (3+5) + rating 1 = 9 vs 10, and fails.
    """

    key = "check"
    aliases = ("roll",)

    def run(self):
        from .checks import public_trait_named, roll_check

        trait_text, difficulty = parse_check(self.args)
        trait = public_trait_named(trait_text)
        result = roll_check(
            character=self.caller,
            trait=trait,
            difficulty=difficulty,
            room=self.caller.location,
        )
        dice = "+".join(str(die) for die in result.rolls)
        thrown = f"{len(result.rolls)}d{setting('SCENES_CHECK_DIE_SIDES')}"
        outcome = "|gsucceeds|n" if result.success else "|rfails|n"
        line = (
            f"{self.caller.key} checks {trait.name}: {thrown} ({dice}) + rating {result.rating} "
            f"= {result.total} vs {result.difficulty}, and {outcome}."
        )
        if result.scene is not None:
            line += f" (scene #{result.scene.pk})"
        line = fill(line, width=WIDTH)
        if self.caller.location is not None:
            self.caller.location.msg_contents(line, from_obj=self.caller)
        else:
            self.msg(line)


def parse_check(text: str) -> tuple[str, int | None]:
    """'swordsmanship vs 10' -> ('swordsmanship', 10); the difficulty is optional."""
    text = plain_text(text)
    if not text:
        raise InvalidCheckError(CHECK_USAGE)
    parts = re.split(r"(?:^|\s)vs(?:\s|$)", text, maxsplit=1, flags=re.IGNORECASE)
    trait = parts[0].strip()
    if not trait:
        raise InvalidCheckError(CHECK_USAGE)
    if len(parts) == 1:
        return trait, None
    difficulty = parts[1].strip()
    if not re.fullmatch(r"\d{1,4}", difficulty):
        maximum = setting("SCENES_CHECK_MAX_DIFFICULTY")
        raise InvalidCheckError(
            f"'{difficulty[:20]}' is not a difficulty: use a whole number from 1 to {maximum}."
        )
    return trait, int(difficulty)


def _duration(minutes: int) -> str:
    if minutes < 1:
        return "less than a minute"
    if minutes < 60:
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    hours, rest = divmod(minutes, 60)
    return f"{hours} hour{'s' if hours != 1 else ''} {rest} min"


SCENE_COMMANDS = (CmdScene, CmdCheck)
