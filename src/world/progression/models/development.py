"""Development points: growth a character earns in a trait by using it, and the one engine that
awards them.

Points raise the character's `CharacterTraitValue` at once, up to the next major threshold (a
multiple of 10) that is locked for the character: a `TraitRatingUnlock` exists for it and the
character has not bought it. Points past that are banked on `DevelopmentPoints.banked_points` and
released when the unlock is bought; none are dropped. Every move of points, earned or into and
out of the bank, is a `DevelopmentTransaction` row (`amount` earned, `banked` the bank's change),
so the audit rebuilds both columns from the ledger.

`apply_development_awards` is the engine every entry point uses (the services, the scene awards
and the specification's `DevelopmentPoints.award_points`), so all of them apply the same
distinction modifiers. Whatever the number of awards it costs the same few statements: the
characters' lock, ONE read of all it needs (`read_development_state`), an upsert of the trait
values, an upsert of the point rows and the ledger insert.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection, models
from django.db import transaction as db_transaction
from django.db.models import Q
from django.db.models.constants import OnConflict
from django.db.models.sql import InsertQuery
from django.utils import timezone

from world.traits.models import CharacterTraitValue

from ..conf import progression_settings
from ..exceptions import InvalidAmountError
from ..rules.amounts import BALANCE_LIMIT, require_amount
from ..rules.development import (
    modified_amount,
    rate_percentage,
)
from ..rules.ratings import points_released
from ..types import DevelopmentSource, ProgressionReason
from .development_state import Pair, read_development_state
from .locks import lock_characters
from .statements import statement_cursor
from .unlocks import CharacterUnlock
from .written import record_written


@dataclass(frozen=True)
class DevelopmentAward:
    """One award in a batch: `amount` points (before rate modifiers) to `trait` of `character`."""

    character: object
    trait: object
    amount: int
    source: str = DevelopmentSource.OTHER
    idempotency_key: str | None = None
    description: str | None = None


class DevelopmentPoints(models.Model):
    character = models.ForeignKey(
        "objects.ObjectDB", on_delete=models.CASCADE, related_name="development_points"
    )
    trait = models.ForeignKey(
        "traits.Trait", on_delete=models.CASCADE, related_name="development_points"
    )
    total_earned = models.PositiveIntegerField(default=0)
    # Points earned but held behind a major threshold (a multiple of 10) the character has not
    # unlocked yet. They are applied, never dropped, when the unlock is bought.
    banked_points = models.PositiveIntegerField(default=0)
    updated_date = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "development points"
        verbose_name_plural = "development points"
        constraints = [
            models.UniqueConstraint(
                fields=["character", "trait"], name="devpoints_one_row_per_character_trait"
            ),
            models.CheckConstraint(
                condition=Q(banked_points__lte=models.F("total_earned")),
                name="devpoints_cannot_bank_more_than_earned",
            ),
            models.CheckConstraint(
                condition=Q(total_earned__lte=BALANCE_LIMIT),
                name="devpoints_earned_within_balance_limit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.character} {self.trait}: {self.total_earned} earned"

    def award_points(self, amount: int, **kwargs) -> DevelopmentTransaction:
        """Award points and apply them to the trait value, with the character's distinction
        modifiers, through the same engine as every other award; refreshes this instance."""
        award = DevelopmentAward(
            character=self.character,
            trait=self.trait,
            amount=amount,
            source=kwargs.pop("source", DevelopmentSource.OTHER),
            idempotency_key=kwargs.pop("idempotency_key", None),
        )
        validate_development_award(award)
        kwargs.setdefault("reason", ProgressionReason.OTHER)
        with db_transaction.atomic():
            (row,) = apply_development_awards([award], **kwargs)
        self.refresh_from_db()
        return row


class DevelopmentTransaction(models.Model):
    character = models.ForeignKey(
        "objects.ObjectDB", on_delete=models.CASCADE, related_name="development_transactions"
    )
    trait = models.ForeignKey("traits.Trait", on_delete=models.CASCADE, related_name="+")
    source = models.CharField(max_length=20, choices=DevelopmentSource.choices)
    # Points earned (0 for a row that only moves the bank; below 0 only for a CORRECTION that
    # takes back points awarded in error).
    amount = models.IntegerField()
    # How this row changed the bank: + points held behind a locked threshold, - points released
    # by buying it. The bank's balance is the sum of this column.
    banked = models.IntegerField(default=0)
    reason = models.CharField(
        max_length=20, choices=ProgressionReason.choices, default=ProgressionReason.SCENE_AWARD
    )
    description = models.TextField(blank=True)
    scene = models.ForeignKey(
        "scenes.Scene",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="development_transactions",
    )
    gm = models.ForeignKey(
        "accounts.AccountDB", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    idempotency_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    transaction_date = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-transaction_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0)
                | (Q(amount=0) & ~Q(banked=0))
                | Q(amount__lt=0, reason=ProgressionReason.CORRECTION),
                name="devtransaction_earns_moves_the_bank_or_corrects",
            ),
        ]
        indexes = [
            models.Index(
                fields=["character", "-transaction_date", "-id"], name="devtx_char_newest_first"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.character} {self.trait} +{self.amount} ({self.get_source_display()})"


def validate_development_award(entry: DevelopmentAward) -> None:
    """InvalidAmountError unless the award is for a real character and trait, by a positive
    whole number of points up to PROGRESSION_MAX_DEVELOPMENT_AWARD."""
    require_amount(
        entry.amount,
        maximum=progression_settings.MAX_DEVELOPMENT_AWARD,
        what="Development points",
    )
    if getattr(entry.trait, "pk", None) is None:
        raise InvalidAmountError(f"Unknown trait: {entry.trait!r}.")
    if getattr(entry.character, "pk", None) is None:
        raise InvalidAmountError(f"Unknown character: {entry.character!r}.")


def apply_development_awards(
    entries: Sequence[DevelopmentAward],
    *,
    reason: str = ProgressionReason.SCENE_AWARD,
    description: str = "",
    scene=None,
    gm=None,
) -> list[DevelopmentTransaction]:
    """Award validated `entries`; one DevelopmentTransaction per entry, in order (the earlier
    row for an entry whose idempotency key was already used). Runs inside the caller's
    transaction and takes the characters' locks first.

    Statements, whatever the number of entries: the lock (PostgreSQL), the state read, an
    upsert of the trait values that rise, an upsert of the point rows and the ledger insert;
    one more read when some keys were used before.
    """
    character_ids = {entry.character.pk for entry in entries}
    lock_characters(character_ids)
    state = read_development_state(
        character_ids,
        {entry.trait.pk for entry in entries},
        keys=[entry.idempotency_key for entry in entries if entry.idempotency_key],
        with_modifiers=True,
    )
    earlier = (
        DevelopmentTransaction.objects.in_bulk(state.earlier.values()) if state.earlier else {}
    )
    fresh = [entry for entry in entries if entry.idempotency_key not in state.earlier]

    now = timezone.now()
    values: dict[Pair, int] = {}
    points: dict[Pair, tuple[int, int]] = {}
    new_transactions = []
    for entry in fresh:
        pair = (entry.character.pk, entry.trait.pk)
        percentage = rate_percentage(state.modifiers.get(pair[0], {}), entry.trait)
        amount = modified_amount(
            entry.amount, percentage, maximum=progression_settings.MAX_DEVELOPMENT_AWARD
        )
        value = values.get(pair, state.values.get(pair, 0))
        applied = max(0, min(amount, state.cap(pair, value) - value))
        if applied:
            values[pair] = value + applied
        earned, banked = points.get(pair, state.points.get(pair, (0, 0)))
        points[pair] = (earned + amount, banked + amount - applied)
        new_transactions.append(
            DevelopmentTransaction(
                character_id=pair[0],
                trait_id=pair[1],
                source=entry.source,
                amount=amount,
                banked=amount - applied,
                reason=reason,
                description=entry.description if entry.description is not None else description,
                scene=scene,
                gm=gm,
                idempotency_key=entry.idempotency_key,
                transaction_date=now,
            )
        )
    if connection.vendor == "postgresql":
        _write_award_in_one_statement(values, points, new_transactions, now=now)
    else:
        write_trait_values(values)
        write_points(points, now=now)
        DevelopmentTransaction.objects.bulk_create(new_transactions)
    record_written(DevelopmentTransaction, new_transactions)
    created = iter(new_transactions)
    return [
        earlier[state.earlier[entry.idempotency_key]]
        if entry.idempotency_key in state.earlier
        else next(created)
        for entry in entries
    ]


def write_trait_values(values: dict[Pair, int]) -> None:
    """Set these (character, trait) values, creating missing rows: one upsert (INSERT ... ON
    CONFLICT DO UPDATE), or nothing when there is nothing to write. Under the characters' lock,
    the values were read by this transaction, so setting them loses no one's change."""
    if values:
        CharacterTraitValue.objects.bulk_create(
            _trait_value_rows(values), update_conflicts=True, **_VALUE_UPSERT
        )


def _trait_value_rows(values: dict[Pair, int]) -> list[CharacterTraitValue]:
    return [
        CharacterTraitValue(character_id=c, trait_id=t, value=v)
        for (c, t), v in sorted(values.items())
    ]


def _point_rows(points: dict[Pair, tuple[int, int]], now) -> list[DevelopmentPoints]:
    return [
        DevelopmentPoints(
            character_id=c, trait_id=t, total_earned=earned, banked_points=banked, updated_date=now
        )
        for (c, t), (earned, banked) in sorted(points.items())
    ]


# Upserts keyed on (character, trait), setting these columns: `write_trait_values`,
# `write_points` and the one-statement form below use the same.
_VALUE_UPSERT = {"unique_fields": ["character", "trait"], "update_fields": ["value"]}
_POINTS_UPSERT = {
    "unique_fields": ["character", "trait"],
    "update_fields": ["total_earned", "banked_points", "updated_date"],
}


def _insert_sql(model, rows, *, upsert=None, returning=False) -> tuple[str, tuple]:
    """The SQL and parameters of `model.objects.bulk_create(rows, ...)`, built by Django's own
    insert compiler (so field conversion and the ON CONFLICT clause are Django's)."""
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not (f.primary_key and f.get_default() is None)]
    query = InsertQuery(
        model,
        on_conflict=OnConflict.UPDATE if upsert else None,
        update_fields=[meta.get_field(name) for name in (upsert or {}).get("update_fields", ())],
        unique_fields=[meta.get_field(name) for name in (upsert or {}).get("unique_fields", ())],
    )
    query.insert_values(fields, rows)
    compiler = query.get_compiler(connection=connection)
    if returning:
        compiler.returning_fields = [meta.pk]
    [(sql, params)] = compiler.as_sql()
    return sql, tuple(params)


def _write_award_in_one_statement(values, points, new_transactions, *, now) -> None:
    """PostgreSQL: the trait value upsert and the points upsert as data-modifying CTEs of the
    ledger insert, so an award writes in one statement instead of three. Each CTE touches its own
    table, so no row is written twice in the statement; the ledger's new ids come back with it."""
    if not new_transactions:
        return
    parts, params = [], []
    for name, model, rows, upsert in (
        ("trait_values", CharacterTraitValue, _trait_value_rows(values), _VALUE_UPSERT),
        ("points", DevelopmentPoints, _point_rows(points, now), _POINTS_UPSERT),
    ):
        if rows:
            sql, row_params = _insert_sql(model, rows, upsert=upsert)
            parts.append(f"{name} AS ({sql})")
            params += row_params
    sql, row_params = _insert_sql(DevelopmentTransaction, new_transactions, returning=True)
    with statement_cursor(connection) as cursor:
        cursor.execute(f"WITH {', '.join(parts)} {sql}" if parts else sql, (*params, *row_params))
        for row, (pk,) in zip(new_transactions, cursor.fetchall(), strict=True):
            row.pk = pk
            row._state.adding, row._state.db = False, connection.alias


def write_points(points: dict[Pair, tuple[int, int]], *, now) -> None:
    """Set these point rows to (total_earned, banked_points), creating missing ones, in one
    upsert (see `write_trait_values`); on PostgreSQL the upsert also locks each row."""
    if points:
        DevelopmentPoints.objects.bulk_create(
            _point_rows(points, now), update_conflicts=True, **_POINTS_UPSERT
        )


def move_banked_points(
    character_id: int,
    trait_id: int,
    *,
    unlock: CharacterUnlock | None,
    release: bool,
    limit: int = 0,
) -> int:
    """Move points between the bank and the trait value for one unlock, with its ledger row.

    `release=True` (a purchase): apply banked points up to the next threshold still locked.
    `release=False` (a refund): bank `limit` points the trait just lost, as far as they came
    from development. Returns how many points moved. Runs inside the action's transaction,
    after its lock on the character: one read when nothing moves, three writes more when
    points move.
    """
    pair = (character_id, trait_id)
    state = read_development_state([character_id], [trait_id])
    if pair not in state.points:
        return 0
    earned, banked = state.points[pair]
    if release:
        if banked == 0:
            return 0
        value = state.values.get(pair, 0)
        moved = points_released(banked, value, state.locked(pair))
        if moved:
            write_trait_values({pair: value + moved})
        change, reason, text = -moved, ProgressionReason.XP_PURCHASE, "Released by"
    else:
        moved = max(0, min(limit, earned - banked))
        change, reason, text = moved, ProgressionReason.REFUND, "Banked again by the refund of"
    if not moved:
        return 0
    now = timezone.now()
    DevelopmentPoints.objects.filter(character_id=character_id, trait_id=trait_id).update(
        banked_points=banked + change, updated_date=now
    )
    row = DevelopmentTransaction.objects.create(
        character_id=character_id,
        trait_id=trait_id,
        source=DevelopmentSource.OTHER,
        amount=0,
        banked=change,
        reason=reason,
        description=f"{text} {unlock}" if unlock else "Released: the threshold is unlocked",
        transaction_date=now,
    )
    record_written(DevelopmentTransaction, [row])
    return moved
