"""What a player is told about a change to their numbers: whose numbers a committed batch of
ledger rows moved, and the one line each of them reads (what, how much, why, the new balance).

The words are `rules.history`'s, so the live notice, `xp/history`, the web page and the away
summary say the same thing about the same row.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from django.db.models import F

from ..models import (
    AchievementTransaction,
    CharacterOwner,
    CharacterXPTransaction,
    ClassLevelTransaction,
    DevelopmentTransaction,
    ExperiencePointsData,
    KudosPointsData,
    KudosTransaction,
    TraitValueTransaction,
    XPTransaction,
)
from ..rules.history import summarise
from ..types import HistoryKind
from .characters import characters_with_xp
from .history import account_history, history_row

Rows = Mapping[str, Collection[int]]


def accounts_whose_numbers_moved(rows: Rows) -> set[int]:
    """The ids of the accounts that `rows` (ledger label -> ids) changed: the account of an
    account XP or kudos row, the owner of a character XP or development row. One statement."""
    parts = []
    for model in (XPTransaction, KudosTransaction):
        if ids := rows.get(model._meta.label):
            parts.append(model.objects.filter(pk__in=ids).order_by().values_list("account_id"))
    for model in (
        CharacterXPTransaction,
        DevelopmentTransaction,
        TraitValueTransaction,
        ClassLevelTransaction,
        AchievementTransaction,
    ):
        if ids := rows.get(model._meta.label):
            characters = model.objects.filter(pk__in=ids).order_by().values("character_id")
            parts.append(
                CharacterOwner.objects.filter(character_id__in=characters)
                .order_by()
                .values_list("account_id")
            )
    if not parts:
        return set()
    first, *rest = parts
    merged = first.union(*rest) if rest else first
    return {account_id for (account_id,) in merged}


def notice_for(account, rows: Rows) -> str | None:
    """The line `account` reads about `rows`, oldest change first, with the balances they
    moved; None when none of the rows is theirs (or none was kept by the commit)."""
    told = [history_row(values) for values in account_history(account, only=rows)]
    if not told:
        return None
    told.reverse()
    balances = _balances(account, told)
    line = summarise(told)
    return f"{line}. Now: {', '.join(balances)}." if balances else f"{line}."


def _balances(account, told: list[dict]) -> list[str]:
    kinds = {row["kind"] for row in told}
    shown = []
    if HistoryKind.ACCOUNT_XP in kinds:
        xp = ExperiencePointsData.objects.filter(account_id=account.pk).values_list(
            F("total_earned") - F("total_spent"), flat=True
        )
        shown.append(f"{xp.first() or 0} account XP")
    if HistoryKind.KUDOS in kinds:
        kudos = KudosPointsData.objects.filter(account_id=account.pk).values_list(
            F("total_earned") - F("total_claimed"), flat=True
        )
        shown.append(f"{kudos.first() or 0} kudos")
    character_ids = {row["character_id"] for row in told if row["kind"] == HistoryKind.CHARACTER_XP}
    if character_ids:
        for character, locked_xp, transferable_xp in characters_with_xp(character_ids):
            shown.append(
                f"{character.db_key} {locked_xp} locked and {transferable_xp} transferable XP"
            )
    return shown


__all__ = ["accounts_whose_numbers_moved", "notice_for"]
