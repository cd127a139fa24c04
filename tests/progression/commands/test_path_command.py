"""`path` shows a character's paths and what it may take next; `path/choose` takes one through
`select_path`, whose rule it shows beside each path."""

import pytest

from world.classes.factories import CharacterClassLevelFactory, PathFactory
from world.classes.models import PathStage
from world.progression.models import CharacterPathHistory

pytestmark = pytest.mark.django_db


@pytest.fixture
def paths(db):
    blade = PathFactory(name="Blade", stage=PathStage.PROSPECT, minimum_level=1)
    quill = PathFactory(name="Quill", stage=PathStage.PROSPECT, minimum_level=3)
    edge = PathFactory(name="Edge", stage=PathStage.POTENTIAL, minimum_level=1)
    edge.parent_paths.add(blade)
    return {"blade": blade, "quill": quill, "edge": edge}


def test_path_lists_the_next_stage_with_what_each_path_needs(play, player, paths):
    CharacterClassLevelFactory(character=player, level=2)

    out = play(player, "path")

    assert "Alice has not chosen a path yet." in out
    assert "Prospect paths:" in out
    assert "yes: path/choose Blade" in out
    assert "Quill needs a class at level 3; your highest is 2." in out


def test_path_choose_asks_for_a_confirmation_and_takes_nothing(play, player, paths):
    CharacterClassLevelFactory(character=player, level=2)

    assert play(player, "path/choose blade") == (
        "Alice may take the Prospect path Blade, for good.\nTo take it, type: path/confirm blade"
    )
    assert not CharacterPathHistory.objects.exists()


def test_path_confirm_takes_the_path_and_shows_it_in_the_history(play, player, paths):
    CharacterClassLevelFactory(character=player, level=2)

    assert play(player, "path/confirm blade") == "Alice takes the Prospect path Blade."

    out = play(player, "path")
    assert "Blade" in out and "Potential paths:" in out and "yes: path/choose Edge" in out
    assert CharacterPathHistory.objects.filter(character=player, path=paths["blade"]).exists()


@pytest.mark.parametrize(
    "typed,answer",
    [
        ("path/choose quill", "Quill needs a class at level 3; your highest is 2."),
        ("path/choose edge", "Choose your Prospect path before Edge."),
        ("path/choose nowhere", "There is no path called 'nowhere'."),
        ("path/choose", "Usage: path/choose <path>"),
        ("path/confirm quill", "Quill needs a class at level 3; your highest is 2."),
        ("path/confirm", "Usage: path/confirm <path>"),
    ],
)
def test_path_choose_refuses_in_one_line_and_changes_nothing(play, player, paths, typed, answer):
    CharacterClassLevelFactory(character=player, level=2)

    assert play(player, typed) == answer
    assert not CharacterPathHistory.objects.exists()


def test_path_confirm_out_of_character_names_the_character(play, player, account, paths):
    CharacterClassLevelFactory(character=player, level=2)

    assert play(account, "path/choose Alice = blade").endswith(
        "To take it, type: path/confirm Alice = blade"
    )
    assert play(account, "path/confirm Alice = blade") == "Alice takes the Prospect path Blade."
    assert CharacterPathHistory.objects.filter(character=player, path=paths["blade"]).exists()
