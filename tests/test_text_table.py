"""world.text_table: the table renderer game commands use in place of Evennia's EvTable."""

import pytest
from evennia.utils.ansi import strip_ansi

from world.progression.rules.text import game_text
from world.text_table import TextTable, displayed, shown_width

LONG = "the quick brown fox jumps over the lazy dog and keeps running far away " * 3


def on_screen(table) -> list[str]:
    """The table's lines as the player sees them."""
    return [strip_ansi(line) for line in str(table).splitlines()]


def test_markup_and_escaped_pipes_take_no_room():
    assert shown_width("|rno|n") == 2
    assert shown_width("a||b") == 3
    assert displayed("|wDate|n") == "Date"
    assert displayed("2026-11-27") == "2026-11-27"


def test_columns_are_as_wide_as_what_they_show_with_a_coloured_header_and_a_rule():
    table = TextTable("Unlock", "Afford", width=78)
    table.add_row("Warrior level 1", "|rno|n")
    table.add_row("Strength 2.0", "yes")

    raw = str(table).splitlines()

    assert raw[0] == "|wUnlock|n           |wAfford|n"
    assert raw[1] == "---------------  ------"
    assert raw[2] == "Warrior level 1  |rno|n"
    assert on_screen(table)[3] == "Strength 2.0     yes"


def test_the_header_takes_the_colour_given():
    table = TextTable("Trait", width=40, header_colour="c")

    assert str(table).splitlines()[0] == "|cTrait|n"


def test_right_aligned_columns_line_up_on_the_right():
    table = TextTable("Name", "XP", width=78)
    table.add_row("Alice", "+5")
    table.add_row("Bruno", "+1000")
    table.reformat_column(1, align="r")

    assert on_screen(table) == ["Name      XP", "-----  -----", "Alice     +5", "Bruno  +1000"]


def test_a_fixed_width_column_keeps_its_width():
    table = TextTable("Date", "Why", width=78)
    table.add_row("2026-11-27", "short")
    table.reformat_column(0, width=12)

    assert on_screen(table)[2] == "2026-11-27    short"


def test_long_free_text_wraps_under_its_column_top_aligned_without_cutting_words():
    table = TextTable("Date", "Details", width=40)
    table.add_row("2026-11-27", LONG)

    lines = on_screen(table)

    assert lines[2].startswith("2026-11-27  the quick")
    assert all(line.startswith(" " * 12) for line in lines[3:])
    assert " ".join(line.strip() for line in lines[2:])[len("2026-11-27  ") :] == LONG.strip()


@pytest.mark.parametrize("width", [30, 40, 60, 78])
def test_no_line_is_wider_than_the_width(width):
    table = TextTable("|wDate|n", "XP", "Reason", "Details", width=width)
    for number in range(5):
        table.add_row("2026-11-27", f"+{number}", "Scene |gaward|n", f"|r{LONG}|n")
    table.reformat_column(1, align="r")

    assert all(len(line) <= width for line in on_screen(table))


def test_a_wrapped_cell_with_markup_is_shown_plain_so_no_code_is_cut():
    table = TextTable("Details", width=20)
    table.add_row("|rdanger|n zone " * 4)

    raw = str(table).splitlines()[2:]

    assert raw == ["danger zone danger", "zone danger zone", "danger zone"]


def test_a_pipe_a_player_wrote_is_shown_as_a_pipe_and_never_starts_markup():
    text = game_text("yes | no, or A || B: " + LONG)
    table = TextTable("Details", width=30)
    table.add_row(text)

    raw = str(table)
    seen = on_screen(table)

    assert "yes || no, or A || B:" in raw  # still escaped once wrapped
    assert seen[2].startswith("yes | no, or A | B:")
    assert all(len(line) <= 30 for line in seen)


def test_a_cell_on_several_lines_keeps_its_lines():
    table = TextTable("Unlock", "Not yet, because", width=78)
    table.add_row("Mage level 1", "Need Strength 3.0\nNeed Warrior level 2")

    assert on_screen(table)[2:] == [
        "Mage level 1  Need Strength 3.0",
        "              Need Warrior level 2",
    ]


def test_rows_shorter_than_the_header_and_empty_cells_are_drawn():
    table = TextTable("Trait", "Rating", "Banked", width=78)
    table.add_row("Charm", "2.5")
    table.add_row("Wits", None, 3)

    assert on_screen(table)[2:] == ["Charm  2.5", "Wits           3"]


def test_without_fixed_widths_only_the_widest_column_gives_up_room():
    table = TextTable("Date", "XP", "Reason", "Details", width=50)
    table.add_row("2026-11-27", "+5", "Scene award", LONG)

    lines = on_screen(table)

    assert lines[2].startswith("2026-11-27  +5  Scene award  the quick")
    assert all(len(line) <= 50 for line in lines)
