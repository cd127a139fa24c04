"""Balances against their ledgers: every total must equal the sum of its transaction rows.

Each kind of balance is checked with one GROUP BY over its ledger and one read of its balance
rows, so the audit costs the same handful of queries for ten accounts or a hundred thousand.
The ledger is the truth: `fix` sets a wrong balance to what its ledger says.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Sum
from evennia.accounts.models import AccountDB
from evennia.objects.models import ObjectDB

from .models import (
    CharacterXP,
    CharacterXPTransaction,
    DevelopmentPoints,
    DevelopmentTransaction,
    ExperiencePointsData,
    KudosPointsData,
    KudosTransaction,
    XPTransaction,
)
from .services.ledger import ledger_totals


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


CHECKS = ("account XP", "character XP", "kudos", "development points")


def find_mismatches(progress=None) -> list[Mismatch]:
    """Every balance that differs from its ledger (`progress(name)` is called per check)."""
    found: list[Mismatch] = []
    for name, check in zip(CHECKS, (_account_xp, _character_xp, _kudos, _development), strict=True):
        found.extend(check())
        if progress:
            progress(name)
    return _named(found)


def _compare(kind, model, balances, ledgers, key_fields, fields):
    for key in set(balances) | set(ledgers):
        balance = balances.get(key)
        ledger = ledgers.get(key, dict.fromkeys(fields, 0))
        current = balance or dict.fromkeys(fields)
        if balance is None and not any(ledger.values()):
            continue
        if any(current[field] != ledger[field] for field in fields):
            yield Mismatch(
                kind, model, dict(zip(key_fields, key, strict=True)), "", current, ledger
            )


def _account_xp() -> Iterator[Mismatch]:
    ledgers = {
        (row["account_id"],): {"total_earned": row["earned"], "total_spent": row["spent"]}
        for row in XPTransaction.objects.values("account_id").annotate(**ledger_totals())
    }
    balances = {
        (row["account_id"],): {
            "total_earned": row["total_earned"],
            "total_spent": row["total_spent"],
        }
        for row in ExperiencePointsData.objects.values("account_id", "total_earned", "total_spent")
    }
    yield from _compare(
        "account XP",
        ExperiencePointsData,
        balances,
        ledgers,
        ("account_id",),
        ("total_earned", "total_spent"),
    )


def _character_xp() -> Iterator[Mismatch]:
    ledgers = {
        (row["character_id"], row["transferable"]): {
            "total_earned": row["earned"],
            "total_spent": row["spent"],
        }
        for row in CharacterXPTransaction.objects.values("character_id", "transferable").annotate(
            **ledger_totals()
        )
    }
    balances = {
        (row["character_id"], row["transferable"]): {
            "total_earned": row["total_earned"],
            "total_spent": row["total_spent"],
        }
        for row in CharacterXP.objects.values(
            "character_id", "transferable", "total_earned", "total_spent"
        )
    }
    yield from _compare(
        "character XP",
        CharacterXP,
        balances,
        ledgers,
        ("character_id", "transferable"),
        ("total_earned", "total_spent"),
    )


def _kudos() -> Iterator[Mismatch]:
    ledgers = {
        (row["account_id"],): {"total_earned": row["earned"], "total_claimed": row["spent"]}
        for row in KudosTransaction.objects.values("account_id").annotate(
            **ledger_totals(reason_field=None)
        )
    }
    balances = {
        (row["account_id"],): {
            "total_earned": row["total_earned"],
            "total_claimed": row["total_claimed"],
        }
        for row in KudosPointsData.objects.values("account_id", "total_earned", "total_claimed")
    }
    yield from _compare(
        "kudos",
        KudosPointsData,
        balances,
        ledgers,
        ("account_id",),
        ("total_earned", "total_claimed"),
    )


def _development() -> Iterator[Mismatch]:
    ledgers = {
        (row["character_id"], row["trait_id"]): {"total_earned": row["earned"]}
        for row in DevelopmentTransaction.objects.values("character_id", "trait_id").annotate(
            earned=Sum("amount")
        )
    }
    balances = {
        (row["character_id"], row["trait_id"]): {"total_earned": row["total_earned"]}
        for row in DevelopmentPoints.objects.values("character_id", "trait_id", "total_earned")
    }
    yield from _compare(
        "development points",
        DevelopmentPoints,
        balances,
        ledgers,
        ("character_id", "trait_id"),
        ("total_earned",),
    )


def _named(found: list[Mismatch]) -> list[Mismatch]:
    """Put account and character names on the mismatches (two queries, however many)."""
    account_ids = {m.key["account_id"] for m in found if "account_id" in m.key}
    character_ids = {m.key["character_id"] for m in found if "character_id" in m.key}
    accounts = dict(AccountDB.objects.filter(pk__in=account_ids).values_list("pk", "username"))
    characters = dict(ObjectDB.objects.filter(pk__in=character_ids).values_list("pk", "db_key"))
    named = []
    for m in found:
        if "account_id" in m.key:
            owner = accounts.get(m.key["account_id"], f"account #{m.key['account_id']}")
        else:
            owner = characters.get(m.key["character_id"], f"character #{m.key['character_id']}")
        kind = m.kind
        if m.model is CharacterXP:
            kind = f"character XP ({'transferable' if m.key['transferable'] else 'locked'})"
        named.append(Mismatch(kind, m.model, m.key, owner, m.balance, m.ledger))
    return sorted(named, key=lambda m: (m.kind, m.owner))


def fix(mismatches: list[Mismatch]) -> int:
    """Set each mismatched balance to what its ledger says (creating missing rows)."""
    with transaction.atomic():
        for m in mismatches:
            updated = m.model.objects.filter(**m.key).update(**m.ledger)
            if not updated:
                m.model.objects.create(**m.key, **m.ledger)
    return len(mismatches)
