"""`character_sheets(account)`: each owned character's classes, traits with their development,
path history, goal with what is missing, and own XP, in a constant number of queries."""

import pytest
from django.db import connection

from typeclasses.factories import CharacterFactory
from world.progression.selectors import sheets
from world.progression.selectors.api_reads import owned_characters_with_xp
from world.progression.selectors.sheets import character_sheets

pytestmark = pytest.mark.django_db

# The sheet's reads, whatever the number of characters and rows (11 with the unlock catalogue
# read afresh, as here): the owned characters with their XP, achievement progress and goals;
# the snapshots (trait values, class levels, bought unlocks: read once, for the sheet and its
# goal); paths; the catalogue (5: its token, the unlocks, their requirements and prices, which
# give the thresholds that hold banked points and the goals' unlocks); development points;
# traits; and the pools the goals are saved from.
SHEET_QUERIES = 11


def test_sheet_lists_class_levels_paths_and_own_xp(account, full_character):
    full_character("Ayla")

    (sheet,) = character_sheets(account)

    assert [(c.name, c.level, c.is_primary) for c in sheet.classes] == [("Warrior", 6, False)]
    assert [(p.stage, p.name, p.description) for p in sheet.paths] == [
        ("Prospect", "Blade", "Steel first."),
        ("Potential", "Edge", "<b>Sharper</b>."),
    ]
    assert (sheet.locked_xp, sheet.transferable_xp) == (7, 4)


def test_sheet_shows_banked_development_and_the_threshold_that_holds_it(account, full_character):
    full_character("Ayla")

    (sheet,) = character_sheets(account)

    (trait,) = sheet.traits
    assert (trait.trait.name, trait.value, trait.earned, trait.banked) == ("Swords0", 29, 35, 6)
    assert str(trait.released_by) == "Swords0 3.0"
    assert trait.release_cost == 15


def test_sheet_goal_names_the_requirements_still_unmet(account, full_character):
    ayla = full_character("Ayla")
    full_character.set_goal(character=ayla, unlock=full_character.levels[1])

    (sheet,) = character_sheets(account)

    assert [step.label for step in sheet.goal.steps] == ["Ranger level 1", "Ranger level 2"]
    assert (sheet.goal.total_xp, sheet.goal.saved_xp) == (40, 61)
    assert sheet.goal.unmet == ["Need a class at level 8, highest is 6"]


def test_a_character_list_read_in_the_middle_of_the_sheets_changes_nothing(
    account, full_character, monkeypatch
):
    """Evennia keeps one instance of each character for the whole process, and the page reads
    `/characters/` (which sets its own `goal` and pools on the characters) beside
    `/characters/sheets/` on another thread: the sheets must not read what was set on them."""
    ayla = full_character("Ayla")
    full_character.set_goal(character=ayla, unlock=full_character.levels[1])
    expected = character_sheets(account)
    catalogue = sheets.unlock_catalogue

    def catalogue_while_the_list_is_read():
        owned_characters_with_xp(account)
        ayla.locked_xp = ayla.transferable_xp = 999
        return catalogue()

    monkeypatch.setattr(sheets, "unlock_catalogue", catalogue_while_the_list_is_read)

    (sheet,) = character_sheets(account)

    assert sheet.character is ayla
    assert (sheet.locked_xp, sheet.transferable_xp) == (7, 4)
    assert sheet.goal == expected[0].goal
    assert sheet.achievements == expected[0].achievements


def test_the_character_list_keeps_what_it_reads_off_the_shared_characters(account, full_character):
    """The list's pools, paths and goal stand beside each character: Evennia's one instance of
    the character, shared by every thread, is left as it was."""
    ayla = full_character("Ayla")
    full_character.set_goal(character=ayla, unlock=full_character.levels[1])

    (summary,) = owned_characters_with_xp(account)

    assert summary.character is ayla
    assert (summary.locked_xp, summary.transferable_xp) == (7, 4)
    assert summary.paths == ["Blade (Prospect)", "Edge (Potential)"]
    assert summary.goal["unlock"] == str(full_character.levels[1])
    assert not {"locked_xp", "transferable_xp", "paths", "goal"} & set(vars(ayla))


def test_sheet_shows_each_achievement_with_its_progress(account, full_character):
    full_character("Ayla")

    (sheet,) = character_sheets(account)

    shown = {status.name: status.progress_text for status in sheet.achievements}
    assert shown["First scene"] == "earned"
    assert shown["Regular"] == "1/10"
    assert shown["Slew the dragon"] == "not started"


def test_sheets_leave_out_other_accounts_characters(account, other_account, full_character):
    full_character("Ayla")
    CharacterFactory(account=other_account, key="Bruno")

    assert [sheet.character.db_key for sheet in character_sheets(account)] == ["Ayla"]


@pytest.mark.parametrize(("characters", "rows"), [(1, 1), (5, 6)])
def test_sheets_read_in_constant_queries(
    account, full_character, django_assert_num_queries, characters, rows
):
    for n in range(characters):
        character = full_character(f"Hero{n}", rows=rows)
        full_character.set_goal(character=character, unlock=full_character.levels[n % 2])
    # SQLite asks once per connection whether it has JSON: not a read of the sheet's.
    assert connection.features.supports_json_field

    with django_assert_num_queries(SHEET_QUERIES):
        sheets = character_sheets(account)

    assert len(sheets) == characters
    assert all(len(sheet.traits) == rows for sheet in sheets)
