"""Rebuilding balances, trait values, class levels and achievements' completion from their
ledgers (`progression_audit --fix`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import DataError, IntegrityError, transaction

from world.classes.models import MAX_CLASS_LEVEL, CharacterClassLevel
from world.traits.models import CharacterTraitValue

from ..models.achievements import AchievementTransaction
from ..models.locks import lock_characters
from ..models.standings import set_class_level, set_trait_value
from ..rules.amounts import BALANCE_LIMIT
from ..rules.ratings import MAX_TRAIT_VALUE
from ..selectors.audit import Mismatch, ledger_balance
from .achievements import rebuild_achievement


@dataclass
class Rebuild:
    rebuilt: list[Mismatch] = field(default_factory=list)
    # Ledgers whose totals no balance can hold (past BALANCE_LIMIT, below zero, more spent than
    # earned): rows no service writes, left for staff to correct with ledger rows.
    refused: list[Mismatch] = field(default_factory=list)


def rebuild_balances(mismatches: list[Mismatch]) -> Rebuild:
    """Set each mismatched balance to what its ledger says, creating missing rows.

    Each row is locked, then its ledger is summed again under the lock, so a posting that lands
    between the audit's read and the rebuild is counted, not overwritten. A ledger whose totals
    the balance cannot hold is refused, and the others are still rebuilt.
    """
    result = Rebuild()
    for mismatch in mismatches:
        try:
            if mismatch.model in _STANDING_SETTERS:
                _rebuild_standing(mismatch)
                result.rebuilt.append(mismatch)
                continue
            if mismatch.model is AchievementTransaction:
                rebuild_achievement(mismatch.key["character_id"], mismatch.key["achievement_key"])
                result.rebuilt.append(mismatch)
                continue
            with transaction.atomic():
                row = mismatch.model.objects.select_for_update(no_key=True).filter(**mismatch.key)
                exists = bool(list(row.values_list("pk", flat=True)))
                ledger = ledger_balance(mismatch)
                if not all(0 <= value <= BALANCE_LIMIT for value in ledger.values()):
                    raise DataError("outside what a balance holds")
                if exists:
                    row.update(**ledger)
                else:
                    mismatch.model.objects.create(**mismatch.key, **ledger)
        except (DataError, IntegrityError):
            result.refused.append(mismatch)
        else:
            result.rebuilt.append(mismatch)
    return result


# A trait value or class level: (what sets it, its key's second field, the most it can be).
_STANDING_SETTERS = {
    CharacterTraitValue: (set_trait_value, "trait_id", MAX_TRAIT_VALUE),
    CharacterClassLevel: (set_class_level, "character_class_id", MAX_CLASS_LEVEL),
}


def _rebuild_standing(mismatch: Mismatch) -> None:
    """Set a trait value or class level to what its ledgers say, under the character's lock
    (a purchase or award that lands meanwhile is counted, not overwritten)."""
    setter, other_key, most = _STANDING_SETTERS[mismatch.model]
    with transaction.atomic():
        lock_characters([mismatch.key["character_id"]])
        ledger = ledger_balance(mismatch)
        if ledger is None:
            return
        (value,) = ledger.values()
        if not 0 <= value <= most:
            raise DataError("outside what the value holds")
        setter(mismatch.key["character_id"], mismatch.key[other_key], value)


__all__ = ["Rebuild", "rebuild_balances"]
