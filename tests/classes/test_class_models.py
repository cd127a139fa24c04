"""Classes, class levels and paths: names unique, one level row per class, levels 1-10."""

import pytest
from django.db import IntegrityError, transaction

from world.classes.factories import CharacterClassFactory, CharacterClassLevelFactory, PathFactory
from world.classes.models import CharacterClass, CharacterClassLevel, Path, PathStage

pytestmark = pytest.mark.django_db


def test_class_names_are_unique():
    CharacterClass.objects.create(name="Warrior")

    with pytest.raises(IntegrityError), transaction.atomic():
        CharacterClass.objects.create(name="Warrior")


def test_a_character_holds_one_level_row_per_class(character):
    warrior = CharacterClassFactory(name="Warrior")
    CharacterClassLevelFactory(character=character, character_class=warrior, level=2)

    with pytest.raises(IntegrityError), transaction.atomic():
        CharacterClassLevelFactory(character=character, character_class=warrior, level=3)
    assert character.character_class_levels.get().level == 2


def test_a_character_may_hold_levels_in_several_classes(character):
    CharacterClassLevelFactory(character=character, character_class=CharacterClassFactory())
    CharacterClassLevelFactory(character=character, character_class=CharacterClassFactory())

    assert character.character_class_levels.count() == 2


@pytest.mark.parametrize("level", [1, 5, 10])
def test_levels_one_to_ten_are_stored(character, level):
    row = CharacterClassLevelFactory(character=character, level=level)

    row.refresh_from_db()
    assert row.level == level


@pytest.mark.parametrize("level", [0, 11])
def test_levels_outside_one_to_ten_are_refused(character, level):
    with pytest.raises(IntegrityError), transaction.atomic():
        CharacterClassLevelFactory(character=character, level=level)
    assert not CharacterClassLevel.objects.exists()


def test_path_stages_are_numbered_prospect_to_transcendent():
    assert [(stage.value, stage.label) for stage in PathStage] == [
        (1, "Prospect"),
        (2, "Potential"),
        (3, "Puissant"),
        (4, "True"),
        (5, "Grand"),
        (6, "Transcendent"),
    ]


def test_path_names_are_unique():
    Path.objects.create(name="Steel")

    with pytest.raises(IntegrityError), transaction.atomic():
        Path.objects.create(name="Steel")


def test_paths_evolve_from_parent_paths_in_one_direction():
    squire = PathFactory(name="Squire", stage=PathStage.PROSPECT)
    knight = PathFactory(name="Knight", stage=PathStage.POTENTIAL)
    knight.parent_paths.add(squire)

    assert list(knight.parent_paths.all()) == [squire]
    assert list(squire.child_paths.all()) == [knight]
    assert not squire.parent_paths.exists()
