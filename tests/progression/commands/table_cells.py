"""Reading a command's table back in a test: the line of dashes under the header row marks
where each column starts and ends, so cells (empty ones included) are read by position."""

import re


def table_rows(out: str) -> list[list[str]]:
    """Every line under the first table's header rule, cut into its columns' cells (lines after
    the table come too; look rows up by their first cell)."""
    lines = out.splitlines()
    rule = next(index for index, line in enumerate(lines) if re.fullmatch(r"-+( +-+)*", line))
    spans = [match.span() for match in re.finditer(r"-+", lines[rule])]
    rows = []
    for line in lines[rule + 1 :]:
        if not line.strip():
            break
        cells = [line[start:end].strip() for start, end in spans[:-1]]
        rows.append([*cells, line[spans[-1][0] :].strip()])
    return rows


def row_starting(out: str, first: str) -> list[str]:
    """The cells of the table row whose first cell is `first`."""
    return next(row for row in table_rows(out) if row[0] == first)
