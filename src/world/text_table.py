"""A small, fast text table for command output, in place of Evennia's EvTable.

Evennia runs every command on its one reactor thread, and EvTable measures and pads every cell
through ANSIString, character by character: a ten-row ledger took a few hundred milliseconds of
CPU, long enough to stall every other player under load. This renderer does the same job with
plain string operations: it measures a cell as the player sees it (Evennia markup stripped, `||`
counted as the one `|` it shows), pads it, and wraps with textwrap only a cell wider than its
column.

The look follows Evennia's tables without their borders: a coloured header row, a line under
it, and columns separated by spaces; no line is wider than the width given.
"""

from __future__ import annotations

import textwrap

from evennia.utils.ansi import strip_ansi

# Spaces between two columns.
GAP = 2
# The line under the header row.
RULE = "-"


def shown_width(text: str) -> int:
    """How many characters `text` takes on the player's screen."""
    return len(displayed(text))


def displayed(text: str) -> str:
    """`text` as the player reads it: Evennia markup gone, `||` shown as `|`."""
    # Every piece of Evennia markup starts with `|`: text without one is shown as it is, and
    # most cells (dates, numbers, names) skip the parser entirely.
    return strip_ansi(text) if "|" in text else text


def escaped(text: str) -> str:
    """Plain text made safe to send through Evennia again (a `|` would start markup)."""
    return text.replace("|", "||")


class TextTable:
    """Rows of cells under a header, as lines no wider than `width`.

    Columns are as wide as their widest cell unless `reformat_column` fixes a width; when the
    columns do not fit, the widest are narrowed (in practice the free-text column) and their
    long cells wrap, top-aligned, onto further lines.
    """

    def __init__(self, *headers, width: int, header_colour: str = "w"):
        self.headers = [str(header) for header in headers]
        self.width = width
        self.header_colour = header_colour
        self.rows: list[list[str]] = []
        self.fixed: dict[int, int] = {}
        self.right: set[int] = set()

    def add_row(self, *cells) -> None:
        self.rows.append(["" if cell is None else str(cell) for cell in cells])

    def reformat_column(self, index: int, *, width: int | None = None, align: str = "l") -> None:
        """Fix column `index` at `width` characters, and/or align it right (`align="r"`)."""
        if width is not None:
            self.fixed[index] = max(width, 1)
        if align == "r":
            self.right.add(index)
        else:
            self.right.discard(index)

    # -- layout

    def column_count(self) -> int:
        return max([len(self.headers)] + [len(row) for row in self.rows])

    def natural_widths(self, count: int) -> list[int]:
        """The widest line of each column, header included, as displayed."""
        widths = [0] * count
        for row in [self.headers, *self.rows]:
            for index, cell in enumerate(row):
                for line in cell.split("\n"):
                    widths[index] = max(widths[index], shown_width(line))
        return widths

    def column_widths(self) -> list[int]:
        count = self.column_count()
        widths = self.natural_widths(count)
        for index, width in self.fixed.items():
            if index < count:
                widths[index] = width
        free = [index for index in range(count) if index not in self.fixed]
        room = self.width - GAP * (count - 1) - sum(self.fixed.get(i, 0) for i in range(count))
        if free and sum(widths[i] for i in free) > room:
            # Narrow the widest free columns to a common cap, the largest that fits.
            cap = max(room, 1)
            while cap > 1 and sum(min(widths[i], cap) for i in free) > room:
                cap -= 1
            for index in free:
                widths[index] = min(widths[index], cap)
        return widths

    # -- drawing

    def cell_lines(self, cell: str, width: int) -> list[tuple[str, int]]:
        """The lines of one cell with their displayed widths, wrapped to `width`."""
        lines = []
        for line in cell.split("\n"):
            plain = displayed(line)
            if len(plain) <= width:
                lines.append((line, len(plain)))
                continue
            # Markup cannot be cut safely: a wrapped cell is shown plain, its pipes re-escaped.
            for part in textwrap.wrap(plain, width) or [""]:
                lines.append((escaped(part), len(part)))
        return lines

    def draw_row(self, cells: list[str], widths: list[int]) -> list[str]:
        count = len(widths)
        cells = cells + [""] * (count - len(cells))
        columns = [self.cell_lines(cell, widths[i]) for i, cell in enumerate(cells)]
        height = max(len(lines) for lines in columns)
        out = []
        for number in range(height):
            parts = []
            for index, lines in enumerate(columns):
                text, shown = lines[number] if number < len(lines) else ("", 0)
                padding = " " * (widths[index] - shown)
                parts.append(padding + text if index in self.right else text + padding)
            out.append((" " * GAP).join(parts).rstrip())
        return out

    def __str__(self) -> str:
        widths = self.column_widths()
        headers = [f"|{self.header_colour}{header}|n" for header in self.headers]
        lines = self.draw_row(headers, widths)
        lines.append((" " * GAP).join(RULE * width for width in widths))
        for row in self.rows:
            lines += self.draw_row(row, widths)
        return "\n".join(lines)


def command_table(command, *headers, width: int) -> TextTable:
    """A table for `command`'s caller: no wider than `width` or their screen, the header in the
    account's column-name colour (as Evennia's styled_table colours it)."""
    colour = command._get_account_option("column_names_color")
    # Without an account Evennia hands back the option's whole default entry, not a colour.
    colour = colour if isinstance(colour, str) and colour else "w"
    return TextTable(*headers, width=min(width, command.client_width()), header_colour=colour)


__all__ = ["TextTable", "command_table", "displayed", "shown_width"]


def fit_lines(text: str, width: int) -> str:
    """`text` with every line wider than `width` on screen wrapped at spaces (markup kept); lines
    that fit, tables among them, are left exactly as they are."""
    lines = []
    for line in text.split("\n"):
        if shown_width(line) <= width:
            lines.append(line)
            continue
        current, current_width = "", 0
        for word in line.split(" "):
            word_width = shown_width(word)
            if current and current_width + 1 + word_width > width:
                lines.append(current)
                current, current_width = "", 0
            if word_width > width:  # a word longer than the line: cut it (plain)
                word = escaped(displayed(word))
                while len(word) > width:
                    lines.append(word[:width])
                    word = word[width:]
                word_width = len(word)
            if current:
                current, current_width = f"{current} {word}", current_width + 1 + word_width
            else:
                current, current_width = word, word_width
        lines.append(current)
    return "\n".join(lines)
