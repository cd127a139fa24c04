"""Reading a scene's log in the game: `scene/log [id] [page]` a page at a time, each pose cut to
a few lines, and `scene/read <id> <number>` one pose whole.

A page costs the same whatever the scene's size: it reads only its own rows, and only the start
of each pose (issue 20: a 1,600-pose log read whole stalled the game for seconds).
"""

from __future__ import annotations

import re

from world.text import ELLIPSIS, plain_text

from .conf import setting
from .exceptions import SceneError
from .selectors import (
    current_scene_of,
    scene_log_page,
    scene_named,
    scene_pose,
    scene_pose_count,
)
from .services import require_participant
from .shown import WIDTH, game_lines

LOG_USAGE = "Usage: scene/log [scene id] [page], with an id such as 12."
READ_USAGE = "Usage: scene/read <scene id> <pose number>, such as scene/read 12 3."
SCENE_ID = re.compile(r"#?[0-9]{1,9}", re.ASCII)
NUMBER = re.compile(r"[0-9]{1,6}", re.ASCII)
# The pose number and time before each pose; its further lines are indented as far.
INDENT = " " * 6


def log_scene_and_page(command) -> tuple[object, int]:
    """The scene and page `scene/log [id] [page]` asks for, once the caller may read it."""
    words = command.args.split()
    if len(words) > 2 or not all(SCENE_ID.fullmatch(word) for word in words[:1]):
        raise SceneError(LOG_USAGE)
    if len(words) == 2 and not NUMBER.fullmatch(words[1]):
        raise SceneError(LOG_USAGE)
    page = int(words[1]) if len(words) == 2 else 1
    if page < 1:
        raise SceneError(LOG_USAGE)
    return readable_scene(command, words[0] if words else None), page


def readable_scene(command, id_text: str | None):
    """The scene with `id_text` (or the caller's current one), refused unless the caller took
    part in it or is staff."""
    scene = scene_named(id_text) if id_text else current_scene_of(command.caller)
    if scene is None:
        raise SceneError(
            f"There is no scene #{id_text.lstrip('#')}." if id_text else "You have no scenes yet."
        )
    if not command.caller_is_staff():
        require_participant(scene, command.caller)
    return scene


def log_page_text(command, scene, page: int) -> str:
    """One page of `scene`'s log, as lines of at most WIDTH columns."""
    size = setting("SCENES_LOG_PAGE_SIZE")
    length = setting("SCENES_LOG_POSE_LENGTH")
    total = scene_pose_count(scene)
    pages = max((total + size - 1) // size, 1)
    state = "open" if scene.date_finished is None else "finished"
    header = f"Scene #{scene.pk} {plain_text(scene.name, max_length=40)} ({state})"
    if pages > 1:
        header += f", page {page} of {pages}"
    lines = [command.styled_header(header.replace("|", "||"), width=WIDTH)]
    if total == 0:
        return "\n".join([*lines, "Nothing has been said or posed in it yet."])
    if page > pages:
        raise SceneError(f"There is no page {page}: scene #{scene.pk} has {pages}.")
    cut = False
    for pose in scene_log_page(scene, page=page, size=size, length=length):
        text = plain_text(pose.text, max_length=length)
        if not pose.is_whole and not text.endswith(ELLIPSIS):
            text += ELLIPSIS
        cut = cut or text.endswith(ELLIPSIS)
        lines.append(game_lines(f"{pose.number}. {pose.created:%H:%M} {text}", indent=INDENT))
    return "\n".join([*lines, *footer(scene, page, pages, cut)])


def footer(scene, page: int, pages: int, cut: bool) -> list[str]:
    lines = []
    if page < pages:
        lines.append(f"Type scene/log {scene.pk} {page + 1} for the next page.")
    if cut:
        lines.append(f"A pose cut short ({ELLIPSIS}) reads whole: scene/read {scene.pk} <number>.")
    return lines


def read_pose_text(command) -> str:
    """`scene/read <id> <number>`: one pose of a scene the caller may read, whole."""
    words = command.args.split()
    if len(words) != 2 or not SCENE_ID.fullmatch(words[0]) or not NUMBER.fullmatch(words[1]):
        raise SceneError(READ_USAGE)
    scene = readable_scene(command, words[0])
    number = int(words[1])
    pose = scene_pose(scene, number)
    if pose is None:
        raise SceneError(f"Scene #{scene.pk} has no pose {number}.")
    return game_lines(f"{number}. {pose.created:%H:%M} {pose.content}", indent=INDENT)
