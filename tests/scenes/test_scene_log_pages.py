"""`scene/log [id] [page]` reads a scene a page at a time, each long pose cut short with the way
to read it whole, every line within 80 columns, at a cost that does not grow with the scene."""

import pytest
from scene_harness import make_room

from world.scenes.models import SceneMessage
from world.scenes.services import join_scene, start_scene

LONG_POSE = "Bruno " + "swings and misses " * 340  # 6,000 characters or so


@pytest.fixture
def scene(player, other_player, room):
    scene = start_scene(room=room, character=player, name="Duel")
    join_scene(room=room, character=other_player)
    return scene


def posed(scene, character, count, text="Bruno bows."):
    SceneMessage.objects.bulk_create(
        [
            SceneMessage(scene=scene, character=character, content=f"{text} ({n + 1})")
            for n in range(count)
        ]
    )


def test_a_page_shows_ten_poses_and_says_how_to_read_on(play, player, other_player, scene):
    posed(scene, other_player, 25)

    first = play(player, f"scene/log {scene.pk}").splitlines()
    second = play(player, f"scene/log {scene.pk} 2").splitlines()

    assert f"Scene #{scene.pk} Duel (open), page 1 of 3" in first[0]
    assert [line.split(None, 2)[2] for line in first[1:11]] == [
        f"Bruno bows. ({n})" for n in range(1, 11)
    ]
    assert first[11:] == [f"Type scene/log {scene.pk} 2 for the next page."]
    assert second[1].startswith("11. ") and second[1].endswith("Bruno bows. (11)")


def test_a_long_pose_is_cut_short_and_reads_whole_with_scene_read(
    play, player, other_player, scene
):
    posed(scene, other_player, 1, text=LONG_POSE)

    page = play(player, f"scene/log {scene.pk}")
    whole = play(player, f"scene/read {scene.pk} 1")

    assert len(page) < 600 and "…" in page
    assert page.splitlines()[-1] == (
        f"A pose cut short (…) reads whole: scene/read {scene.pk} <number>."
    )
    assert whole.startswith("1. ")
    assert " ".join(whole.split()).endswith(" ".join(f"{LONG_POSE} (1)".split()))


def test_every_line_of_a_page_fits_80_columns(play, player, other_player, scene):
    posed(scene, other_player, 3, text="x" * 6_000)
    posed(scene, other_player, 3, text=LONG_POSE)

    for typed in (f"scene/log {scene.pk}", f"scene/read {scene.pk} 1", f"scene/read {scene.pk} 4"):
        assert max(len(line) for line in play(player, typed).splitlines()) <= 80


@pytest.mark.parametrize("poses", [30, 600])
def test_a_page_costs_the_same_statements_whatever_the_scene_size(
    play, player, other_player, scene, poses, django_assert_max_num_queries
):
    posed(scene, other_player, poses, text=LONG_POSE)

    # The rest are the caller's staff check and display options, read once per login in play.
    with django_assert_max_num_queries(10) as queries:
        out = play(player, f"scene/log {scene.pk} 3")

    assert out.splitlines()[1].startswith("21. ")
    # The poses are read a page's worth at a time, and only the start of each.
    [read] = [q["sql"] for q in queries.captured_queries if 'scenemessage"."created' in q["sql"]]
    assert "LIMIT 10" in read and "SUBSTR" in read.upper()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("scene/log {pk} 9", "There is no page 9: scene #{pk} has 3."),
        ("scene/log {pk} 0", "Usage: scene/log [scene id] [page], with an id such as 12."),
        ("scene/log {pk} two", "Usage: scene/log [scene id] [page], with an id such as 12."),
        ("scene/read {pk} 99", "Scene #{pk} has no pose 99."),
        ("scene/read {pk}", "Usage: scene/read <scene id> <pose number>, such as scene/read 12 3."),
    ],
)
def test_a_page_or_pose_that_is_not_there_gets_one_line(
    play, player, other_player, scene, typed, message
):
    posed(scene, other_player, 25)

    assert play(player, typed.format(pk=scene.pk)) == message.format(pk=scene.pk)


def test_scene_log_without_an_id_reads_the_scene_the_character_is_in(
    play, player, other_player, scene, room
):
    hall = make_room("Hall")
    player.location = hall
    later = start_scene(room=hall, character=other_player, name="Later")
    join_scene(room=hall, character=player)
    player.location = room

    assert f"Scene #{scene.pk} Duel (open)" in play(player, "scene/log").splitlines()[0]
    player.location = hall
    assert f"Scene #{later.pk} Later (open)" in play(player, "scene/log").splitlines()[0]
