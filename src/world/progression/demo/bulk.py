"""Fast inserts for generated data: rows as tuples with ids chosen here, COPY on PostgreSQL and
`executemany` elsewhere.

`bulk_create` builds a model instance and compiles an INSERT for every batch; for a million
ledger rows that is most of the time the generator takes. Here a row is a plain tuple in the
order of the columns named, and ids are handed out before the insert so rows can name each other
(a claim's XP row names its kudos row) without reading ids back.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import Max


class IdCounter:
    """The next free primary key of one table (read once; the generator is its only writer)."""

    def __init__(self, model: type[models.Model]):
        self.next = (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1

    def take(self) -> int:
        value = self.next
        self.next += 1
        return value


class Inserter:
    """Buffers rows of one table and writes them `batch` at a time."""

    def __init__(self, model: type[models.Model], fields: Sequence[str], *, batch: int = 20_000):
        meta = model._meta
        self.model = model
        self.fields = [meta.get_field(name) for name in fields]
        self.table = meta.db_table
        self.batch = batch
        self.rows: list[tuple] = []
        self.written = 0
        # SQLite stores datetimes as naive UTC text; psycopg adapts aware datetimes itself.
        self.datetime_columns = [
            index
            for index, field in enumerate(self.fields)
            if isinstance(field, models.DateTimeField)
        ]

    def add(self, row: tuple) -> None:
        self.rows.append(row)
        if len(self.rows) >= self.batch:
            self.flush()

    def extend(self, rows: Iterable[tuple]) -> None:
        for row in rows:
            self.add(row)

    def flush(self) -> None:
        if not self.rows:
            return
        quote = connection.ops.quote_name
        columns = ", ".join(quote(field.column) for field in self.fields)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {quote(self.table)} ({columns}) FROM STDIN") as copy:
                    for row in self.rows:
                        copy.write_row(row)
            else:
                adapt = connection.ops.adapt_datetimefield_value
                rows = self.rows
                if self.datetime_columns:
                    rows = [list(row) for row in rows]
                    for row in rows:
                        for index in self.datetime_columns:
                            row[index] = adapt(row[index])
                marks = ", ".join(["%s"] * len(self.fields))
                cursor.executemany(
                    f"INSERT INTO {quote(self.table)} ({columns}) VALUES ({marks})", rows
                )
        self.written += len(self.rows)
        self.rows = []


def reset_sequences(model_list: Sequence[type[models.Model]]) -> None:
    """Move PostgreSQL's id sequences past the ids given here (SQLite follows by itself)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(model_list))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def analyze(model_list: Sequence[type[models.Model]]) -> None:
    """After a bulk load on PostgreSQL, do now what autovacuum would do a while later: refresh
    the planner's statistics and (outside a transaction, where VACUUM can run) the visibility
    map, so index-only scans work at once and no autovacuum of the new rows runs under a
    measurement. (SQLite is left alone: Django never runs ANALYZE there, nor would a game.)"""
    if connection.vendor != "postgresql":
        return
    quote = connection.ops.quote_name
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
    with connection.cursor() as cursor:
        for model in model_list:
            cursor.execute(f"{command} {quote(model._meta.db_table)}")
