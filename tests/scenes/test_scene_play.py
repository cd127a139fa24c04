"""Scenes from play: open one in a room, say and pose in it, end it for its awards, once."""

from datetime import timedelta

import pytest
from django.utils import timezone
from evennia.commands.default.general import CmdPose, CmdSay, CmdWhisper
from scene_harness import CommandRunner, make_room, played_character

from typeclasses.factories import AccountFactory
from world.progression.models import DevelopmentTransaction
from world.scenes.commands import SCENE_COMMANDS
from world.scenes.hooks import record_room_message
from world.scenes.models import Scene, SceneMessage, SceneParticipation
from world.scenes.scripts import IdleScenesScript
from world.scenes.services import finish_idle_scenes, start_scene
from world.traits.factories import CharacterTraitValueFactory, TraitFactory


@pytest.fixture
def play(session):
    return CommandRunner((*SCENE_COMMANDS, CmdSay, CmdPose, CmdWhisper))


@pytest.fixture(autouse=True)
def scene_economy(settings):
    settings.PROGRESSION_SCENE_POINTS_PER_USE = 2
    settings.PROGRESSION_SCENE_CAP_PER_TRAIT = 6
    settings.PROGRESSION_SCENE_PARTICIPATION_POINTS = 1


@pytest.fixture
def charm(db):
    return TraitFactory(name="Charm", category="social")


USAGE = "Usage: scene, scene/start [name], scene/join, /leave, /end, /log [id] [page]"
LOG_USAGE = "Usage: scene/log [scene id] [page], with an id such as 12."


def open_scene(room):
    return Scene.objects.get(location_id=room.pk, date_finished__isnull=True)


def test_scene_start_opens_a_scene_here_with_the_starter_as_gm(play, player, room):
    out = play(player, "scene/start Duel at Dawn")

    scene = open_scene(room)
    assert out.startswith(f"You start scene #{scene.pk} 'Duel at Dawn' here, as its GM.")
    assert SceneParticipation.objects.get(scene=scene).is_gm


def test_scene_start_without_a_name_names_it_after_the_room(play, player, room):
    play(player, "scene/start")

    assert open_scene(room).name == "Scene in Tavern"


def test_a_room_holds_one_open_scene(play, player, other_player, room):
    play(player, "scene/start First")

    out = play(other_player, "scene/start Second")

    scene = open_scene(room)
    assert out == f"Scene #{scene.pk} 'First' is already open here; type 'scene/join' to join it."
    assert Scene.objects.count() == 1


def test_saying_and_posing_join_the_scene_and_are_recorded(play, player, other_player, room):
    play(player, "scene/start Duel")

    play(other_player, "say Well met.")
    play(other_player, "pose bows low.")
    play(other_player, "emote smiles.")

    scene = open_scene(room)
    assert list(scene.messages.values_list("content", flat=True)) == [
        'Bruno says, "Well met."',
        "Bruno bows low.",
        "Bruno smiles.",
    ]
    assert SceneParticipation.objects.filter(scene=scene, character=other_player).exists()


def test_whispers_and_rooms_without_a_scene_record_nothing(play, player, other_player, room):
    play(player, "say Nothing is open yet.")
    play(player, "scene/start Duel")

    play(player, "whisper Bruno = A secret.")

    assert not SceneMessage.objects.exists()


def test_scene_shows_who_is_in_it_for_how_long_and_their_poses(play, player, other_player, room):
    play(player, "scene/start Duel")
    play(other_player, "pose bows.")
    play(other_player, "pose draws.")

    out = play(player, "scene")

    scene = open_scene(room)
    assert out.splitlines()[0] == f"Scene #{scene.pk} 'Duel', open for less than a minute."
    header, rule, *rows = out.splitlines()[1:]
    assert header.split() == ["Character", "Role", "Poses"] and set(rule) == {"-", " "}
    assert [row.split() for row in rows] == [
        ["Alice", "GM", "0"],
        ["Bruno", "player", "2"],
    ]
    assert all(len(line) <= 80 for line in out.splitlines())


def test_scene_without_an_open_scene_says_how_to_start_one(play, player):
    assert play(player, "scene") == (
        "There is no open scene here. Type 'scene/start [name]' to open one."
    )


def test_join_then_leave(play, player, other_player, room):
    play(player, "scene/start Duel")
    scene = open_scene(room)

    assert play(other_player, "scene/join") == f"You join scene #{scene.pk} 'Duel'."
    assert play(other_player, "scene/join") == f"You are already in scene #{scene.pk} 'Duel'."
    assert play(other_player, "scene/leave") == f"You leave scene #{scene.pk} 'Duel'."
    assert not SceneParticipation.objects.filter(character=other_player).exists()
    assert play(other_player, "scene/leave") == f"You are not in scene #{scene.pk} 'Duel'."


def test_the_gm_ends_rather_than_leaves(play, player):
    play(player, "scene/start Duel")

    assert play(player, "scene/leave") == (
        "You run this scene: end it with 'scene/end' instead of leaving."
    )


def test_the_gm_ends_the_scene_and_players_are_awarded_once(
    play, player, other_player, room, charm
):
    CharacterTraitValueFactory(character=other_player, trait=charm, value=30)
    play(player, "scene/start Duel")
    for _ in range(3):
        play(other_player, "pose bows.")
        play(player, "pose bows back.")
    scene = open_scene(room)
    Scene.objects.filter(pk=scene.pk).update(date_started=timezone.now() - timedelta(hours=1))

    out = play(player, "scene/end")

    assert " ".join(out.split()) == (
        f"Scene #{scene.pk} 'Duel' is finished: 1 development point to 1 character. It "
        "qualified: 2 players each posed 3 times or more over 60 minutes."
    )
    award = DevelopmentTransaction.objects.get(scene=scene)
    assert (award.character_id, award.trait_id, award.amount) == (other_player.pk, charm.pk, 1)
    assert play(player, "scene/end") == (
        "There is no open scene here. Type 'scene/start [name]' to open one."
    )
    assert DevelopmentTransaction.objects.filter(scene=scene).count() == 1


def test_only_the_gm_or_staff_end_a_scene(play, player, other_player, staff, room):
    play(player, "scene/start Duel")

    assert play(other_player, "scene/end") == "Only the scene's GM or staff can end it."
    assert open_scene(room)
    assert "is finished; nobody earned development. It did not qualify" in play(staff, "scene/end")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("scene/join now", "Usage: scene/join (it takes nothing after it)"),
        ("scene/bogus", USAGE),
        ("scene/start/end", USAGE),
        ("scene/start |r|n", "A scene name needs letters, not only markup."),
        ("scene/start " + "x" * 201, "A scene name has at most 200 characters."),
        ("scene/log -1", LOG_USAGE),
        ("scene/log 99999999999999999999", LOG_USAGE),
        ("scene/log 999999", "There is no scene #999999."),
        ("scene/log", "You have no scenes yet."),
        ("scene/join", "There is no open scene here. Type 'scene/start [name]' to open one."),
    ],
)
def test_bad_scene_input_gets_one_line_and_changes_nothing(play, player, typed, message):
    assert play(player, typed) == message
    assert not Scene.objects.exists()


def test_scene_names_are_stored_without_markup(play, player, room):
    play(player, "scene/start |rRed|n Dawn")

    assert open_scene(room).name == "Red Dawn"


def test_participants_read_the_log_in_plain_text(play, player, other_player, room):
    play(player, "scene/start Duel")
    play(other_player, "pose grins |rwickedly|n.")
    scene = open_scene(room)

    out = play(other_player, f"scene/log {scene.pk}")

    assert f"Scene #{scene.pk} Duel (open)" in out.splitlines()[0]
    assert out.splitlines()[1].endswith("Bruno grins wickedly.")
    assert play(other_player, "scene/log") == out


def test_others_cannot_read_a_scene_log(play, player, stranger, room):
    play(player, "scene/start Duel")
    scene = open_scene(room)

    assert play(stranger, f"scene/log {scene.pk}") == (
        f"You did not take part in scene #{scene.pk} 'Duel'."
    )


@pytest.mark.parametrize("participants", [2, 20])
def test_recording_a_pose_is_one_insert_whatever_the_scene_size(
    participants, room, django_assert_num_queries
):
    characters = [
        played_character(AccountFactory(), room, f"Player{n}") for n in range(participants)
    ]
    start_scene(room=room, character=characters[0])
    for character in characters:  # everyone has posed once: the roster is cached and complete
        record_room_message(room, (f"{character.key} waves.", {"type": "pose"}), character, {})

    with django_assert_num_queries(1):
        record_room_message(room, ("Player1 nods.", {"type": "pose"}), characters[1], {})


def test_the_idle_script_ends_idle_scenes_with_their_awards(settings, room, charm):
    settings.SCENES_IDLE_MINUTES = 30
    gm_account, player_account = AccountFactory(), AccountFactory()
    gm = played_character(gm_account, room, "Gm")
    player = played_character(player_account, room, "Player")
    idle = start_scene(room=room, character=gm, name="Forgotten")
    for _ in range(3):
        record_room_message(room, ("Player yawns.", {"type": "pose"}), player, {})
        record_room_message(room, ("Gm waits.", {"type": "pose"}), gm, {})
    SceneMessage.objects.update(created=timezone.now() - timedelta(minutes=31))
    Scene.objects.filter(pk=idle.pk).update(date_started=timezone.now() - timedelta(hours=2))
    busy = start_scene(room=make_room("Hall"), character=player, name="Lively")

    IdleScenesScript().at_repeat()

    idle.refresh_from_db()
    busy.refresh_from_db()
    assert idle.is_finished and not busy.is_finished
    assert DevelopmentTransaction.objects.filter(scene=idle, character=player).count() == 1


def test_the_idle_script_ending_a_short_scene_late_does_not_make_it_qualify(settings, room):
    # Twenty minutes from start to finish, but the poses all came in its first five: the idle
    # time is not play.
    settings.SCENES_IDLE_MINUTES = 10
    gm = played_character(AccountFactory(), room, "Gm")
    player = played_character(AccountFactory(), room, "Player")
    scene = start_scene(room=room, character=gm, name="Forgotten")
    for _ in range(3):
        record_room_message(room, ("Player yawns.", {"type": "pose"}), player, {})
        record_room_message(room, ("Gm waits.", {"type": "pose"}), gm, {})
    SceneMessage.objects.update(created=timezone.now() - timedelta(minutes=15))
    Scene.objects.filter(pk=scene.pk).update(date_started=timezone.now() - timedelta(minutes=20))

    [result] = finish_idle_scenes()  # what the idle script runs

    assert result.transactions == []
    assert "it lasted 5 minutes from its start to its last pose, under the 15" in result.message


def test_a_character_nobody_is_playing_is_credited_to_its_owner(room, account):
    from typeclasses.factories import CharacterFactory

    gm = played_character(AccountFactory(), room, "Gm")
    start_scene(room=room, character=gm)
    npc_like = CharacterFactory(account=account, key="Idle", location=room)
    assert npc_like.db_account_id is None

    record_room_message(room, ("Idle nods.", {"type": "pose"}), npc_like, {})

    assert SceneParticipation.objects.get(character=npc_like).account_id == account.pk


def test_a_scene_deleted_in_the_admin_stops_recording_in_its_room(play, player, room):
    play(player, "scene/start Duel")
    play(player, "pose waits.")  # the room now caches the scene

    open_scene(room).delete()
    out = play(player, "pose waits again.")

    assert out == "Alice waits again."
    assert not SceneMessage.objects.exists()
