"""Balances against their ledgers: every total must equal the sum of its transaction rows.

Each kind of balance is checked with one GROUP BY over its ledger and one read of its balance
rows, so the audit costs the same handful of queries for ten accounts or a hundred thousand.
The ledger is the truth: `services.audit.rebuild_balances` sets a wrong balance to what its
ledger says.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db import DataError, OperationalError
from django.db.models import Sum
from evennia.accounts.models import AccountDB
from evennia.objects.models import ObjectDB

from world.classes.models import CharacterClass
from world.traits.models import Trait

from ..models import (
    CharacterXP,
    CharacterXPTransaction,
    DevelopmentPoints,
    DevelopmentTransaction,
    ExperiencePointsData,
    KudosPointsData,
    KudosTransaction,
    XPTransaction,
)
from ..models.achievements import AchievementTransaction
from ..models.ledger import ledger_totals
from ..rules.ledger import balance_effect
from .achievements import ACHIEVEMENTS, achievement_mismatches
from .standings import STANDINGS, Standing, standing_mismatches


@dataclass(frozen=True)
class Mismatch:
    kind: str  # "account XP", "character XP (locked)", "kudos", "development"
    model: type
    key: dict  # how to find (or create) the balance row
    owner: str  # account or character name, for people
    balance: dict  # field -> value in the balance row (None when the row is missing)
    ledger: dict  # field -> value the ledger says

    def describe(self) -> str:
        parts = [
            f"{field} {self.balance.get(field)} but ledger says {value}"
            for field, value in self.ledger.items()
            if self.balance.get(field) != value
        ]
        return f"{self.kind} of {self.owner}: " + "; ".join(parts)


@dataclass(frozen=True)
class Check:
    """One kind of balance and the ledger it must equal: `sums` maps each balance column to the
    aggregate that rebuilds it from the ledger; `row_fields` and `effect` say the same for one
    ledger row (what the row moves each balance column by), for sums the database cannot make."""

    name: str
    balance: type
    ledger: type
    key_fields: tuple[str, ...]
    sums: dict
    row_fields: tuple[str, ...]
    effect: Callable[..., tuple[int, ...]]


def _checks() -> tuple[Check, ...]:
    xp = ledger_totals()
    # Kudos rows carry a reason only when they are corrections ("" otherwise).
    kudos = ledger_totals()
    return (
        Check(
            "account XP",
            ExperiencePointsData,
            XPTransaction,
            ("account_id",),
            {"total_earned": xp["earned"], "total_spent": xp["spent"]},
            ("reason", "amount"),
            balance_effect,
        ),
        Check(
            "character XP",
            CharacterXP,
            CharacterXPTransaction,
            ("character_id", "transferable"),
            {"total_earned": xp["earned"], "total_spent": xp["spent"]},
            ("reason", "amount"),
            balance_effect,
        ),
        Check(
            "kudos",
            KudosPointsData,
            KudosTransaction,
            ("account_id",),
            {"total_earned": kudos["earned"], "total_claimed": kudos["spent"]},
            ("reason", "amount"),
            balance_effect,
        ),
        Check(
            "development points",
            DevelopmentPoints,
            DevelopmentTransaction,
            ("character_id", "trait_id"),
            {"total_earned": Sum("amount"), "banked_points": Sum("banked")},
            ("amount", "banked"),
            lambda amount, banked: (amount, banked),
        ),
    )


STANDING_MODELS = tuple(standing.model for standing in STANDINGS)
CHECKS = (
    *(check.name for check in _checks()),
    *(standing.name for standing in STANDINGS),
    ACHIEVEMENTS,
)


def find_mismatches(progress=None) -> list[Mismatch]:
    """Every balance, trait value, class level and completed achievement that differs from its
    ledgers (`progress(name)` is called per check)."""
    found: list[Mismatch] = []
    for check in _checks():
        found.extend(_mismatches(check))
        if progress:
            progress(check.name)
    for standing in STANDINGS:
        found.extend(_standing_mismatches(standing))
        if progress:
            progress(standing.name)
    found.extend(_achievement_mismatches())
    if progress:
        progress(ACHIEVEMENTS)
    return _named(found)


def _achievement_mismatches() -> Iterator[Mismatch]:
    """A completed achievement no ledger row explains (never earned in play nor granted, or
    revoked since), or one the ledger says is earned that is not completed. The ledger is the
    truth here too: `--fix` sets the completion to what it says."""
    for character_id, key, completed, earned in achievement_mismatches():
        yield Mismatch(
            f"achievement ({key})",
            AchievementTransaction,
            {"character_id": character_id, "achievement_key": key},
            "",
            {"completed": completed},
            {"completed": earned},
        )


def _standing_mismatches(standing: Standing, only: dict | None = None) -> Iterator[Mismatch]:
    field = standing.value_field
    for key, have, should in standing_mismatches(standing, only):
        yield Mismatch(
            standing.name,
            standing.model,
            dict(zip(standing.key_fields, key, strict=True)),
            "",
            {field: have},
            {field: should},
        )


def _mismatches(check: Check, only: dict | None = None) -> Iterator[Mismatch]:
    """One GROUP BY over the ledger and one read of the balances (of one row with `only`)."""
    fields = tuple(check.sums)
    ledgers = _ledger_sums(check, only)
    balance_rows = check.balance.objects.filter(**(only or {}))
    balances = {
        tuple(row[k] for k in check.key_fields): {f: row[f] for f in fields}
        for row in balance_rows.values(*check.key_fields, *fields)
    }
    for key in set(balances) | set(ledgers):
        balance = balances.get(key)
        ledger = ledgers.get(key, dict.fromkeys(fields, 0))
        current = balance or dict.fromkeys(fields)
        if balance is None and not any(ledger.values()):
            continue
        if any(current[field] != ledger[field] for field in fields):
            yield Mismatch(
                check.name,
                check.balance,
                dict(zip(check.key_fields, key, strict=True)),
                "",
                current,
                ledger,
            )


def _ledger_sums(check: Check, only: dict | None) -> dict[tuple, dict[str, int]]:
    """{balance key: {balance column: what the ledger sums to}}, in one GROUP BY."""
    fields = tuple(check.sums)
    aliases = {f"ledger_{field}": expression for field, expression in check.sums.items()}
    ledger_rows = check.ledger.objects.filter(**(only or {})).values(*check.key_fields)
    try:
        return {
            tuple(row[k] for k in check.key_fields): {f: row[f"ledger_{f}"] or 0 for f in fields}
            for row in ledger_rows.annotate(**aliases)
        }
    except (OperationalError, DataError):
        # SQLite's SUM raises on overflowing 64 bits. Only rows written by hand are that large;
        # the audit must still report them, so they are summed here, exactly. (A failed SELECT
        # leaves an SQLite transaction usable; PostgreSQL's bigint sums of its 32-bit column
        # cannot overflow.)
        return _ledger_sums_row_by_row(check, only)


def _ledger_sums_row_by_row(check: Check, only: dict | None) -> dict[tuple, dict[str, int]]:
    sums: dict[tuple, dict[str, int]] = {}
    width = len(check.key_fields)
    rows = check.ledger.objects.filter(**(only or {})).order_by()
    for row in rows.values_list(*check.key_fields, *check.row_fields).iterator():
        totals = sums.setdefault(row[:width], dict.fromkeys(check.sums, 0))
        for field, delta in zip(check.sums, check.effect(*row[width:]), strict=True):
            totals[field] += delta
    return sums


def ledger_balance(mismatch: Mismatch) -> dict | None:
    """What the ledger says now for the one balance row `mismatch` names (read again, so a
    rebuild under that row's lock uses the ledger as it stands, not as the audit saw it)."""
    for standing in STANDINGS:
        if standing.model is mismatch.model:
            for found in _standing_mismatches(standing, only=mismatch.key):
                return found.ledger
            return None  # it equals its ledgers now: nothing to rebuild
    check = next(check for check in _checks() if check.balance is mismatch.model)
    for found in _mismatches(check, only=mismatch.key):
        return found.ledger
    # The row now equals its ledger: rebuilding it changes nothing.
    return {
        field: value
        for field, value in check.balance.objects.filter(**mismatch.key)
        .values(*check.sums)
        .first()
        .items()
    }


def _subject(key: dict) -> tuple | None:
    for field in ("trait_id", "character_class_id"):
        if field in key:
            return (field, key[field])
    return None


def _named(found: list[Mismatch]) -> list[Mismatch]:
    """Put account, character, trait and class names on the mismatches (a query each, however
    many)."""
    account_ids = {m.key["account_id"] for m in found if "account_id" in m.key}
    character_ids = {m.key["character_id"] for m in found if "character_id" in m.key}
    accounts = dict(AccountDB.objects.filter(pk__in=account_ids).values_list("pk", "username"))
    characters = dict(ObjectDB.objects.filter(pk__in=character_ids).values_list("pk", "db_key"))
    trait_ids = {m.key["trait_id"] for m in found if "trait_id" in m.key}
    class_ids = {m.key["character_class_id"] for m in found if "character_class_id" in m.key}
    subjects = {
        ("trait_id", pk): name
        for pk, name in Trait.objects.filter(pk__in=trait_ids).values_list("pk", "name")
    } | {
        ("character_class_id", pk): name
        for pk, name in CharacterClass.objects.filter(pk__in=class_ids).values_list("pk", "name")
    }
    named = []
    for m in found:
        if "account_id" in m.key:
            owner = accounts.get(m.key["account_id"], f"account #{m.key['account_id']}")
        else:
            owner = characters.get(m.key["character_id"], f"character #{m.key['character_id']}")
        kind = m.kind
        if m.model in STANDING_MODELS and (subject := _subject(m.key)):
            kind = f"{m.kind} ({subjects.get(subject, subject)})"
        if m.model is CharacterXP:
            kind = f"character XP ({'transferable' if m.key['transferable'] else 'locked'})"
        named.append(Mismatch(kind, m.model, m.key, owner, m.balance, m.ledger))
    return sorted(named, key=lambda m: (m.kind, m.owner))
