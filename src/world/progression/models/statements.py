"""Queries the hot paths run many times a second, compiled by Django once per shape.

Building and compiling a queryset costs Python time on every call, and for the development
engine's one read (a UNION of six parts) it cost more than the database did: about 2 ms of a
3 ms award on SQLite. A `Statement` compiles its queryset once for each shape (the database and
how many ids or keys fill each slot) with placeholder values, remembers where each placeholder
landed among the parameters, and later runs the same SQL with the real values. The queryset is
still written with the ORM, so the SQL is Django's.

Only for queries whose columns need no conversion from the database's values (integers and
text; a boolean arrives as 0 or 1 on SQLite, so read it only for its truth): the rows come from
the cursor as they are.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import transaction

# Placeholder ids start here: far above any id a game reaches, so a placeholder cannot be
# mistaken for a constant of the query.
_FIRST_PLACEHOLDER_ID = 7 * 10**17
_NOTHING = object()


class Statement:
    """`build(**slots)` is a queryset of the slots' values (each a sequence of ids or of text);
    `rows(**slots)` runs it with the given values and returns the cursor's rows."""

    def __init__(self, build: Callable[..., Any]):
        self.build = build
        self._compiled: dict[tuple, tuple[str, list[tuple[str, int] | None], list]] = {}

    def rows(self, **slots: Sequence) -> list[tuple]:
        connection = transaction.get_connection()
        shape = (connection.vendor, *((name, len(values)) for name, values in slots.items()))
        compiled = self._compiled.get(shape)
        if compiled is None:
            compiled = self._compiled[shape] = self._compile(connection, slots)
        if compiled is _NOTHING:
            return []
        sql, places, constants = compiled
        params = [
            constant if place is None else slots[place[0]][place[1]]
            for place, constant in zip(places, constants, strict=True)
        ]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _compile(self, connection, slots: dict[str, Sequence]):
        placeholders: dict[Any, tuple[str, int]] = {}
        filled = {}
        for name, values in sorted(slots.items()):
            chosen = []
            for index, value in enumerate(values):
                if isinstance(value, str):
                    placeholder = f"\x00{name}:{index}\x00"
                else:
                    placeholder = _FIRST_PLACEHOLDER_ID + len(placeholders)
                placeholders[placeholder] = (name, index)
                chosen.append(placeholder)
            filled[name] = chosen
        try:
            sql, params = self.build(**filled).query.get_compiler(connection=connection).as_sql()
        except EmptyResultSet:
            # Django knows without asking (an empty `__in` list): no statement, no rows.
            return _NOTHING
        places = [
            placeholders.get(param) if _could_be_placeholder(param) else None for param in params
        ]
        if {place for place in places if place} != set(placeholders.values()):
            # Django changed a value on its way into the SQL: this query cannot be cached so.
            raise ValueError("A slot value did not reach the statement's parameters unchanged.")
        return sql, places, list(params)


def _could_be_placeholder(value) -> bool:
    """Placeholders are integers and text: only those are looked up (a list is not hashable)."""
    return isinstance(value, (int, str))
