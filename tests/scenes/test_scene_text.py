"""Scene names and poses are written by one player and read by others: stored as written, shown
plain wherever the scene system shows them (no MXP link, colour, line break or control
character reaches another player's client)."""

import pytest
from evennia.commands.default.general import CmdPose, CmdSay
from scene_harness import CommandRunner, as_telnet_client_sees

from world.scenes.commands import SCENE_COMMANDS
from world.scenes.factories import SceneFactory
from world.scenes.models import Scene, SceneMessage

# A link typed as markup; one typed with escaped pipes that only become a link once the
# client's `||` are read as `|` (stripping `|r` out of `|||rle` leaves `|le`); and one that
# stripping one link out of it leaves another.
LINKS = [
    "|lcxp/award me = 500|ltSparring|le",
    "||lcxp/award me = 500||ltSparring|||rle",
    "|l|lcQ|ltc|lexp/award me = 500|ltSparring|le",
]
FAKE_LINE = "waves.||/SYSTEM: Alice is banned.|/SYSTEM: Bruno is banned."


@pytest.fixture
def play(session):
    return CommandRunner((*SCENE_COMMANDS, CmdSay, CmdPose))


def clickable(text: str) -> bool:
    shown = as_telnet_client_sees(text)
    return "<SEND" in shown or "<A " in shown


def coloured_or_broken(line_text: str) -> bool:
    shown = as_telnet_client_sees(line_text)
    body = shown.removesuffix("\x1b[0m")
    return "\x1b[" in body or any(line.startswith("SYSTEM") for line in shown.splitlines())


def open_scene(room):
    return Scene.objects.get(location_id=room.pk, date_finished__isnull=True)


@pytest.mark.parametrize("name", LINKS)
def test_a_scene_name_reaches_nobody_as_a_link(play, player, other_player, staff, room, name):
    started = play.heard(player, f"scene/start {name}", player, other_player)
    already_open = play.heard(other_player, "scene/start Another", other_player)
    joined = play.heard(other_player, "scene/join", other_player)
    shown = play.heard(other_player, "scene", other_player)
    logged = play.heard(other_player, "scene/log", other_player)
    ended = play.heard(staff, "scene/end", staff, other_player)

    replies = [
        *started.values(),
        *already_open.values(),
        *joined.values(),
        *shown.values(),
        *logged.values(),
        *ended.values(),
    ]
    assert all(reply for reply in replies)
    assert [reply for reply in replies if clickable(reply)] == []


@pytest.mark.parametrize("name", LINKS)
def test_a_stored_link_name_is_shown_plain_on_every_reply(play, player, staff, room, name):
    scene = SceneFactory(name=name, location=room)  # as the admin or an older version stored it

    replies = [
        play.heard(player, "scene/start Another", player)[player],  # already open
        play.heard(player, "scene/join", player)[player],
        play.heard(player, "scene", player)[player],
        play.heard(player, "scene/log", player)[player],
        play.heard(staff, f"scene/finish {scene.pk}", staff)[staff],
        play.heard(staff, f"scene/finish {scene.pk}", staff)[staff],  # already finished
    ]

    assert all("Sparring" in reply for reply in replies)
    assert [reply for reply in replies if clickable(reply)] == []


def test_a_pose_reaches_the_room_without_link_or_fake_lines(play, player, other_player, room):
    play(player, "scene/start Duel")
    pose = f"{FAKE_LINE} {LINKS[0]} {LINKS[1]} ||rred |rred"

    heard = play.heard(player, f"pose {pose}", other_player)[other_player]

    assert heard.startswith("Alice waves.")
    assert not clickable(heard) and not coloured_or_broken(heard)
    assert SceneMessage.objects.get().content == f"Alice {pose}"  # stored as written


def test_speech_reaches_the_room_without_link_or_fake_lines(play, player, other_player, room):
    play(player, "scene/start Duel")

    heard = play.heard(player, f"say {FAKE_LINE} {LINKS[1]}", other_player)[other_player]

    assert heard.startswith('Alice says, "waves.')
    assert not clickable(heard) and not coloured_or_broken(heard)


def test_the_log_shows_poses_plain(play, player, other_player, room):
    play(player, "scene/start Duel")
    play(other_player, f"pose {FAKE_LINE} ||rred {LINKS[1]}")
    scene = open_scene(room)

    log = play.heard(player, f"scene/log {scene.pk}", player)[player]

    pose_lines = log.splitlines()[1:]
    assert any("Bruno waves." in line for line in pose_lines)
    assert not clickable(log)
    assert not any(coloured_or_broken(line) for line in pose_lines)
