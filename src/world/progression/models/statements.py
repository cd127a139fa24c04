"""Queries the hot paths run many times a second, compiled by Django once per shape.

Building and compiling a queryset costs Python time on every call, and for the development
engine's one read (a UNION of six parts) it cost more than the database did: about 2 ms of a
3 ms award on SQLite. A `Statement` compiles its queryset once for each shape (the database and
how many ids or keys fill each slot) with placeholder values, remembers where each placeholder
landed among the parameters, and later runs the same SQL with the real values. The queryset is
still written with the ORM, so the SQL is Django's.

The rows come from the cursor as they are (integers and text need nothing; a boolean arrives
as 0 or 1 on SQLite, so read it only for its truth), unless the statement is made with
`convert=True`: then each column passes through the converters Django's compiler chose for it
(a date, a pickled attribute), as the queryset's own rows would. `instances(model, ...)` builds
model instances of a query of that model, each with the row's other columns beside it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import transaction
from django.db.backends.utils import CursorDebugWrapper, CursorWrapper

# Placeholder ids start here: far above any id a game reaches, so a placeholder cannot be
# mistaken for a constant of the query.
_FIRST_PLACEHOLDER_ID = 7 * 10**17
_NOTHING = object()


class Statement:
    """`build(**slots)` is a queryset of the slots' values (each a sequence of ids or of text);
    `rows(**slots)` runs it with the given values and returns the cursor's rows."""

    def __init__(self, build: Callable[..., Any], *, convert: bool = False):
        self.build = build
        self.convert = convert
        self._compiled: dict[tuple, Any] = {}

    def rows(self, **slots: Sequence) -> list[tuple]:
        connection = transaction.get_connection()
        compiled = self._compiled_for(connection, slots)
        if compiled is _NOTHING:
            return []
        sql, params = self._filled(compiled, slots)
        with statement_cursor(connection) as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        converters = compiled[3]
        if not converters:
            return rows
        converted = []
        for row in rows:
            row = list(row)
            for position, (functions, expression) in converters:
                for function in functions:
                    row[position] = function(row[position], expression, connection)
            converted.append(tuple(row))
        return converted

    def instances(self, model, **slots: Sequence) -> list[tuple[Any, tuple]]:
        """(instance of `model`, the row's other columns) for each row of a query of `model`
        (its columns come first, as Django selects them; annotations follow, in order). The
        other columns are handed back, never set on the instance: Evennia's models keep one
        instance per row for the whole process, shared by every thread serving a request."""
        fields = model._meta.concrete_fields
        names = [field.attname for field in fields]
        alias = transaction.get_connection().alias
        return [
            (model.from_db(alias, names, row[: len(fields)]), row[len(fields) :])
            for row in self.rows(**slots)
        ]

    def _compiled_for(self, connection, slots):
        shape = (connection.vendor, *((name, len(values)) for name, values in slots.items()))
        compiled = self._compiled.get(shape)
        if compiled is None:
            compiled = self._compiled[shape] = self._compile(connection, slots)
        return compiled

    @staticmethod
    def _filled(compiled, slots) -> tuple[str, list]:
        sql, places, constants, _ = compiled
        return sql, [
            constant if place is None else slots[place[0]][place[1]]
            for place, constant in zip(places, constants, strict=True)
        ]

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
        compiler = self.build(**filled).query.get_compiler(connection=connection)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            # Django knows without asking (an empty `__in` list): no statement, no rows.
            return _NOTHING
        places = [
            placeholders.get(param) if _could_be_placeholder(param) else None for param in params
        ]
        if {place for place in places if place} != set(placeholders.values()):
            # Django changed a value on its way into the SQL: this query cannot be cached so.
            raise ValueError("A slot value did not reach the statement's parameters unchanged.")
        converters = []
        if self.convert:
            columns = [column for column, _, _ in compiler.select[: compiler.col_count]]
            converters = sorted(compiler.get_converters(columns).items())
        return sql, places, list(params), converters


def statement_cursor(connection):
    """A cursor for SQL that is the same from call to call. On PostgreSQL it binds the values
    on the server instead of in the text, so psycopg prepares the statement once it has run on
    the connection before (`prepare_threshold` in the settings) and PostgreSQL neither parses
    nor plans it again: for the cold offer's `UNION ALL` that was most of its time. The ORM's
    own queries keep Django's client-side binding, which psycopg never prepares. The cursor is
    Django's wrapper as `connection.cursor()` makes it, so its statements are counted and pass
    through execute wrappers like any other."""
    if connection.vendor != "postgresql":
        return connection.cursor()
    from django.db.backends.postgresql.base import ServerBindingCursor

    # What `connection.cursor()` does, with the other kind of psycopg cursor.
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    with connection.wrap_database_errors:
        cursor = ServerBindingCursor(connection.connection)
    connection.validate_thread_sharing()
    if connection.queries_logged:
        return _LoggedStatementCursor(cursor, connection)
    return connection.make_cursor(cursor)


class _LoggedStatementCursor(CursorDebugWrapper):
    """Logs a server-bound statement as Django logs its own, its values written into the text
    (psycopg keeps no text of a prepared run for Django to read back)."""

    def execute(self, sql, params=None):
        with self.debug_sql(self.db.ops.compose_sql(sql, params)):
            return CursorWrapper.execute(self, sql, params)


def _could_be_placeholder(value) -> bool:
    """Placeholders are integers and text: only those are looked up (a list is not hashable)."""
    return isinstance(value, (int, str))
