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

from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, connection, models, transaction
from django.db.models import F, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..exceptions import IdempotencyConflictError, InsufficientXPError
from ..rules.ledger import balance_effect
from ..types import ProgressionReason


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


def ledger_totals(amount_field: str = "amount", reason_field: str | None = "reason") -> dict:
    """Aggregate expressions that sum a ledger into (earned, spent) by `balance_effect`'s rules."""
    zero = Value(0)
    if reason_field is None:
        return {
            "earned": Coalesce(Sum(amount_field, filter=Q(**{f"{amount_field}__gt": 0})), zero),
            "spent": Coalesce(Sum(-F(amount_field), filter=Q(**{f"{amount_field}__lt": 0})), zero),
        }
    refund = Q(**{reason_field: ProgressionReason.REFUND})
    correction = Q(**{reason_field: ProgressionReason.CORRECTION})
    positive = Q(**{f"{amount_field}__gt": 0})
    negative = Q(**{f"{amount_field}__lt": 0})
    return {
        "earned": Coalesce(Sum(amount_field, filter=positive & ~refund), zero)
        + Coalesce(Sum(amount_field, filter=negative & correction), zero),
        "spent": Coalesce(Sum(-F(amount_field), filter=negative & ~correction), zero)
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
            shortfall = _move_balance(pool, earned_delta, spent_delta)
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
    return Posting(row)


# The two statements every posting makes are written here as SQL (built from the models'
# metadata, values converted by the models' own fields) rather than through the ORM: on SQLite,
# where the database itself needs about 0.2 ms for both, compiling an UPDATE queryset and saving
# a model instance took another 0.5 ms (measured with cProfile; see README, "Performance").
# Nothing listens to these models' save signals; the rarer paths below still use the ORM.


def _move_balance(pool: Pool, earned_delta: int, spent_delta: int) -> Exception | None:
    """Apply the deltas; return (not raise) the insufficient-balance error when they don't fit."""
    spent = pool.spent_field
    takes_from_available = spent_delta - earned_delta  # > 0 when the posting lowers available
    meta, quote = pool.model._meta, connection.ops.quote_name
    earned_column = quote(meta.get_field("total_earned").column)
    spent_column = quote(meta.get_field(spent).column)
    now = timezone.now()
    updated = meta.get_field("updated_date")
    assignments = [f"{quote(updated.column)} = %s"]
    params: list[Any] = [updated.get_db_prep_save(now, connection)]
    if earned_delta:
        assignments.append(f"{earned_column} = {earned_column} + %s")
        params.append(earned_delta)
    if spent_delta:
        assignments.append(f"{spent_column} = {spent_column} + %s")
        params.append(spent_delta)
    conditions = []
    for name, value in pool.key.items():
        field = meta.get_field(name)
        conditions.append(f"{quote(field.column)} = %s")
        params.append(field.get_db_prep_save(value, connection))
    if takes_from_available > 0:
        conditions.append(f"{earned_column} >= {spent_column} + %s")
        params.append(takes_from_available)
    if spent_delta < 0:
        conditions.append(f"{spent_column} >= %s")
        params.append(-spent_delta)
    sql = (
        f"UPDATE {quote(meta.db_table)} SET {', '.join(assignments)} "
        f"WHERE {' AND '.join(conditions)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        if cursor.rowcount:
            return None
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
        return None
    have = 0 if current is None else current["total_earned"] - current[spent]
    return pool.insufficient_error(need=max(takes_from_available, -spent_delta), have=have)


def _insert(ledger_model: type[models.Model], fields: dict[str, Any]) -> models.Model:
    """INSERT one ledger row and return it as a saved instance (what `objects.create` does,
    without compiling the statement anew each time)."""
    row = ledger_model(**fields)
    meta, quote = ledger_model._meta, connection.ops.quote_name
    columns = [field for field in meta.concrete_fields if not field.primary_key]
    values = [field.get_db_prep_save(field.pre_save(row, True), connection) for field in columns]
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    with connection.cursor() as cursor:
        if connection.features.can_return_columns_from_insert:
            cursor.execute(f"{sql} RETURNING {quote(meta.pk.column)}", values)
            row.pk = cursor.fetchone()[0]
        else:
            cursor.execute(sql, values)
            row.pk = connection.ops.last_insert_id(cursor, meta.db_table, meta.pk.column)
    row._state.adding = False
    row._state.db = connection.alias
    return row


def _create_balance(pool: Pool, earned_delta: int, spent_delta: int, changes: dict) -> None:
    try:
        with transaction.atomic():
            pool.model.objects.create(
                **pool.key, total_earned=earned_delta, **{pool.spent_field: spent_delta}
            )
    except IntegrityError:
        # Another writer created the row first; ours is now an ordinary update of it.
        pool.queryset().update(**changes)


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
