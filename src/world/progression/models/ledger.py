"""The one place balances change: post a ledger row and move its balance in one transaction.

A storage operation (it knows tables and columns, not business rules), so the services and the
specification's model methods (`award_xp`, `spend_xp`, ...) share this one implementation.

Every award, spend, claim, refund and correction in the progression system ends here. A posting
is a single conditional `UPDATE ... SET total = total + n WHERE <enough available>` followed by
the ledger `INSERT`, so there is no read-modify-write in Python to lose an update, the row lock
the UPDATE takes serialises concurrent writers on PostgreSQL, and the check constraints on the
balance tables stand behind it. With an idempotency key a repeated posting returns the first
ledger row and changes nothing, also under concurrency (the key is unique in the database).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from django.db import IntegrityError, connection, models, transaction
from django.db.models import F, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..exceptions import IdempotencyConflictError, InsufficientXPError
from ..rules.ledger import balance_effect
from ..types import ProgressionReason
from .statements import statement_cursor
from .written import record_written


@dataclass(frozen=True)
class Pool:
    """One balance row: its model, how to find it, and the names of its two running totals."""

    model: type[models.Model]
    key: dict[str, Any]
    spent_field: str = "total_spent"
    insufficient_error: type[Exception] = InsufficientXPError

    def queryset(self):
        return self.model.objects.filter(**self.key)


@dataclass(frozen=True)
class Posting:
    transaction: models.Model
    # True when an idempotency key matched an earlier posting: nothing was changed this time.
    replayed: bool = False
    # Builds the balance row the UPDATE returned; most callers never ask for it.
    balance_row: Callable[[], models.Model] | None = dataclass_field(default=None, repr=False)

    @functools.cached_property
    def balance(self) -> models.Model | None:
        """The balance row as this posting left it (None when replayed, or when the database
        cannot return it from the UPDATE or the posting created the row)."""
        return self.balance_row() if self.balance_row else None


def ledger_totals(amount_field: str = "amount", reason_field: str | None = "reason") -> dict:
    """Aggregate expressions that sum a ledger into (earned, spent) by `balance_effect`'s rules.

    Sums are negated, never rows: the negation of PostgreSQL's smallest integer is out of range,
    that of their (bigint) sum is not."""
    zero = Value(0)
    if reason_field is None:
        return {
            "earned": Coalesce(Sum(amount_field, filter=Q(**{f"{amount_field}__gt": 0})), zero),
            "spent": -Coalesce(Sum(amount_field, filter=Q(**{f"{amount_field}__lt": 0})), zero),
        }
    refund = Q(**{reason_field: ProgressionReason.REFUND})
    correction = Q(**{reason_field: ProgressionReason.CORRECTION})
    positive = Q(**{f"{amount_field}__gt": 0})
    negative = Q(**{f"{amount_field}__lt": 0})
    return {
        "earned": Coalesce(Sum(amount_field, filter=positive & ~refund), zero)
        + Coalesce(Sum(amount_field, filter=negative & correction), zero),
        "spent": -Coalesce(Sum(amount_field, filter=negative & ~correction), zero)
        - Coalesce(Sum(amount_field, filter=positive & refund), zero),
    }


def post(
    pool: Pool,
    ledger_model: type[models.Model],
    *,
    earned_delta: int,
    spent_delta: int,
    ledger_fields: dict[str, Any],
    idempotency_key: str | None = None,
) -> Posting:
    """Move `pool` by the deltas and insert one `ledger_model` row, atomically.

    Raises the pool's insufficient-balance error (with need/have) and changes nothing when the
    posting would leave less than zero available or a negative total.
    """
    # Inside a caller's transaction a savepoint is only worth its two statements when an
    # idempotency key may collide and must be rolled back to. A shortfall changes nothing (the
    # conditional UPDATE matched no row), so it leaves the block normally and is raised after,
    # keeping the caller's transaction usable.
    try:
        with transaction.atomic(savepoint=bool(idempotency_key)):
            balance, shortfall = _move_balance(pool, earned_delta, spent_delta)
            if shortfall is None:
                row = _insert(ledger_model, {"idempotency_key": idempotency_key, **ledger_fields})
    except IntegrityError:
        # The only unique column a fresh ledger row can collide on is its idempotency key.
        if idempotency_key and (earlier := _earlier(ledger_model, idempotency_key, ledger_fields)):
            return Posting(earlier, replayed=True)
        raise
    if shortfall is not None:
        if idempotency_key and (earlier := _earlier(ledger_model, idempotency_key, ledger_fields)):
            return Posting(earlier, replayed=True)
        raise shortfall
    record_written(ledger_model, [row])
    return Posting(row, balance_row=balance)


# The two statements every posting makes are written here as SQL (built once per model and
# shape from the models' metadata, values converted by the models' own fields) rather than
# through the ORM: on SQLite, where the database itself needs about 0.1 ms for both, compiling
# an UPDATE queryset, saving a model instance and reading the balance back took several times
# that (measured with cProfile; see README, "Performance"). The UPDATE returns the balance row,
# so the services answer with it without reading it again. Nothing listens to these models' save
# signals; the rarer paths below still use the ORM.


@functools.cache
def _update_statement(
    model: type[models.Model],
    key_names: tuple[str, ...],
    spent: str,
    *,
    earned: bool,
    spent_moves: bool,
    needs_available: bool,
    gives_back_spent: bool,
    vendor: str,
) -> tuple[str, tuple, list | None]:
    """(SQL, key fields, the returned fields with their converters or None) of one shape of
    balance UPDATE."""
    meta, quote = model._meta, connection.ops.quote_name
    earned_column = quote(meta.get_field("total_earned").column)
    spent_column = quote(meta.get_field(spent).column)
    assignments = [f"{quote(meta.get_field('updated_date').column)} = %s"]
    if earned:
        assignments.append(f"{earned_column} = {earned_column} + %s")
    if spent_moves:
        assignments.append(f"{spent_column} = {spent_column} + %s")
    key_fields = tuple(meta.get_field(name) for name in key_names)
    conditions = [f"{quote(field.column)} = %s" for field in key_fields]
    if needs_available:
        conditions.append(f"{earned_column} >= {spent_column} + %s")
    if gives_back_spent:
        conditions.append(f"{spent_column} >= %s")
    sql = (
        f"UPDATE {quote(meta.db_table)} SET {', '.join(assignments)} "
        f"WHERE {' AND '.join(conditions)}"
    )
    returned = None
    if connection.features.can_return_columns_from_insert:  # RETURNING: PostgreSQL, SQLite 3.35+
        # Every column but updated_date, which is the `now` the statement set.
        fields = [f for f in meta.concrete_fields if f.attname != "updated_date"]
        returned = [(field.attname, *_converters(field, meta.db_table)) for field in fields]
        sql = f"{sql} RETURNING {', '.join(quote(field.column) for field in fields)}"
    return sql, key_fields, returned


def _converters(field: models.Field, table: str) -> tuple:
    """(column, converters) a query applies to `field`'s values read from the database."""
    column = field.get_col(table)
    return column, (*connection.ops.get_db_converters(column), *field.get_db_converters(connection))


def _balance_row(db, model: type[models.Model], returned: list, found: tuple, now) -> models.Model:
    """The balance instance an UPDATE ... RETURNING gave, its values converted as a query's."""
    values = {"updated_date": now}
    for (name, column, converters), value in zip(returned, found, strict=True):
        for converter in converters:
            value = converter(value, column, db)
        values[name] = value
    # from_db takes the values in the order of the model's concrete fields.
    names = [field.attname for field in model._meta.concrete_fields]
    return model.from_db(db.alias, names, [values[name] for name in names])


# Field types whose database value is the Python value itself when it is a plain int, str or
# None: for these, the posting skips the per-field preparation Django would run.
_PLAIN_TYPES = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "BigIntegerField",
        "BooleanField",
        "CharField",
        "ForeignKey",
        "IntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "SmallIntegerField",
        "TextField",
    }
)


def _prepared(field: models.Field, plain: bool, value: Any, db) -> Any:
    if value is None or (plain and isinstance(value, (int, str))):
        return value
    return field.get_db_prep_save(value, db)


def _move_balance(pool: Pool, earned_delta: int, spent_delta: int):
    """Apply the deltas. Returns (what builds the returned balance row, or None; None) when they
    fit, or (None, the insufficient-balance error) when they don't (raised by the caller)."""
    spent = pool.spent_field
    takes_from_available = spent_delta - earned_delta  # > 0 when the posting lowers available
    model, db = pool.model, transaction.get_connection()
    sql, key_fields, returned = _update_statement(
        model,
        tuple(pool.key),
        spent,
        earned=bool(earned_delta),
        spent_moves=bool(spent_delta),
        needs_available=takes_from_available > 0,
        gives_back_spent=spent_delta < 0,
        vendor=db.vendor,
    )
    now = timezone.now()
    params: list[Any] = [model._meta.get_field("updated_date").get_db_prep_save(now, db)]
    if earned_delta:
        params.append(earned_delta)
    if spent_delta:
        params.append(spent_delta)
    params.extend(
        _prepared(field, True, value, db)
        for field, value in zip(key_fields, pool.key.values(), strict=True)
    )
    if takes_from_available > 0:
        params.append(takes_from_available)
    if spent_delta < 0:
        params.append(-spent_delta)
    with statement_cursor(db) as cursor:
        cursor.execute(sql, params)
        if returned is not None:
            found = cursor.fetchone()
            if found is not None:
                return functools.partial(_balance_row, db, model, returned, found, now), None
        elif cursor.rowcount:
            return None, None
    changes = {"updated_date": now}
    if earned_delta:
        changes["total_earned"] = F("total_earned") + earned_delta
    if spent_delta:
        changes[spent] = F(spent) + spent_delta
    current = pool.queryset().values("total_earned", spent).first()
    if takes_from_available <= 0 and spent_delta >= 0:
        # An unconditional posting matched no row: the balance did not exist. Create it, or,
        # when a concurrent first posting committed it since our UPDATE, update it now.
        if current is None:
            _create_balance(pool, earned_delta, spent_delta, changes)
        else:
            pool.queryset().update(**changes)
        return None, None
    have = 0 if current is None else current["total_earned"] - current[spent]
    return None, pool.insufficient_error(need=max(takes_from_available, -spent_delta), have=have)


@functools.cache
def _insert_statement(model: type[models.Model], vendor: str) -> tuple[str, tuple, tuple]:
    """(SQL, column fields, whether each is of a plain type) of a ledger model's INSERT."""
    meta, quote = model._meta, connection.ops.quote_name
    columns = tuple(field for field in meta.concrete_fields if not field.primary_key)
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    if connection.features.can_return_columns_from_insert:
        sql = f"{sql} RETURNING {quote(meta.pk.column)}"
    return sql, columns, tuple(field.get_internal_type() in _PLAIN_TYPES for field in columns)


def _insert(ledger_model: type[models.Model], fields: dict[str, Any]) -> models.Model:
    """INSERT one ledger row and return it as a saved instance (what `objects.create` does,
    without compiling the statement or running the model's keyword constructor each time).
    Ledger models have no auto_now fields and no save() override, so a column's value is the
    one given (a related object given by instance, by its pk) or the field's default."""
    db = transaction.get_connection()
    sql, columns, plain = _insert_statement(ledger_model, db.vendor)
    python_values, related = [], {}
    for field in columns:
        if field.name in fields:
            value = fields[field.name]
            if field.is_relation and value is not None and not isinstance(value, int):
                related[field.name] = value
                value = value.pk
        elif field.attname in fields:
            value = fields[field.attname]
        else:
            value = field.get_default()
        python_values.append(value)
    with statement_cursor(db) as cursor:
        cursor.execute(
            sql,
            [
                _prepared(field, is_plain, value, db)
                for field, is_plain, value in zip(columns, plain, python_values, strict=True)
            ],
        )
        if db.features.can_return_columns_from_insert:
            pk = cursor.fetchone()[0]
        else:
            meta = ledger_model._meta
            pk = db.ops.last_insert_id(cursor, meta.db_table, meta.pk.column)
    row = ledger_model.from_db(
        db.alias,
        [ledger_model._meta.pk.attname, *(field.attname for field in columns)],
        [pk, *python_values],
    )
    row._state.fields_cache.update(related)
    return row


def _create_balance(pool: Pool, earned_delta: int, spent_delta: int, changes: dict) -> None:
    try:
        with transaction.atomic():
            pool.model.objects.create(
                **pool.key, total_earned=earned_delta, **{pool.spent_field: spent_delta}
            )
    except IntegrityError:
        # Another writer created the row first; ours is now an ordinary update of it. When no
        # row is there, the create was refused for its values (a check constraint): raise, or
        # the ledger row would be written for a balance that was never moved.
        if not pool.queryset().update(**changes):
            raise


def _earlier(ledger_model, idempotency_key: str, ledger_fields: dict[str, Any]):
    """The row an earlier posting with `idempotency_key` wrote, or None.

    A key names one request: the earlier row must record the same thing (owner, amount, reason,
    description, ...), or the key was reused for a different request and IdempotencyConflictError
    is raised rather than returning a result that does not answer it.
    """
    earlier = ledger_model.objects.filter(idempotency_key=idempotency_key).first()
    if earlier is None:
        return None
    meta = ledger_model._meta
    for name, value in ledger_fields.items():
        field = meta.get_field(name.removesuffix("_id"))
        if field.is_relation:
            recorded = getattr(earlier, field.attname)
            value = getattr(value, "pk", value)
        else:
            recorded = getattr(earlier, field.attname)
        if recorded != value and not (recorded in (None, "") and value in (None, "")):
            raise IdempotencyConflictError()
    return earlier


__all__ = ["Pool", "Posting", "balance_effect", "ledger_totals", "post"]
