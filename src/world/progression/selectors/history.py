"""One complete history of an account and its characters: every ledger that moves a player's
numbers (account XP, each character's locked and transferable XP, kudos, development per trait,
trait values, class levels, achievements) and every purchase with the price as paid, merged
newest first in one query.

The command `xp/history`, the web page, the API's `history` route, its CSV/JSON export and the
"while you were away" summary all read these rows, and `rules.history.describe` words each one,
so a player reads the same sentence about the same change everywhere.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import datetime

from django.db import models
from django.db.models import Case, F, Q, QuerySet, Value, When
from django.db.models.functions import Cast, Coalesce

from ..models import (
    AchievementTransaction,
    CharacterOwner,
    CharacterUnlock,
    CharacterXPTransaction,
    ClassLevelTransaction,
    DevelopmentTransaction,
    KudosTransaction,
    TraitValueTransaction,
    XPTransaction,
)
from ..types import HistoryKind

# The columns every part of the union answers, in this order (a UNION matches them by position).
HISTORY_COLUMNS = (
    "kind",
    "row_id",
    "date",
    "character_id",
    "character_name",
    "from_name",
    "amount",
    "reason",
    "description",
    "pool",
    "subject",
    "level",
    "rating",
    "banked",
    "scene_id",
)


# The ledgers whose rows `ledger_rows_committed` announces, by model label.
_LEDGER_KINDS = {
    XPTransaction._meta.label: HistoryKind.ACCOUNT_XP,
    CharacterXPTransaction._meta.label: HistoryKind.CHARACTER_XP,
    KudosTransaction._meta.label: HistoryKind.KUDOS,
    DevelopmentTransaction._meta.label: HistoryKind.DEVELOPMENT,
    TraitValueTransaction._meta.label: HistoryKind.TRAIT_VALUE,
    ClassLevelTransaction._meta.label: HistoryKind.CLASS_LEVEL,
    AchievementTransaction._meta.label: HistoryKind.ACHIEVEMENT,
}
_KIND_LEDGERS = {kind: label for label, kind in _LEDGER_KINDS.items()}


def _text(value: str = "") -> Value:
    return Value(value, output_field=models.CharField())


def _number(value: int | None = None) -> Cast:
    # Typed in the SQL: PostgreSQL reads a bare NULL in a UNION's first part as text.
    return Cast(Value(value), output_field=models.IntegerField())


def _unlock_subject(prefix: str) -> dict:
    """The class or trait a purchase or refund row is about, and its level or rating."""
    return {
        "subject": Coalesce(
            F(f"{prefix}character_class__name"), F(f"{prefix}trait__name"), _text()
        ),
        "level": F(f"{prefix}target_level"),
        "rating": F(f"{prefix}target_rating"),
    }


def _part(queryset: QuerySet, kind: str, only=None, **columns) -> QuerySet:
    """`queryset` answering HISTORY_COLUMNS: `columns` maps the ones it has to expressions, the
    others are empty constants. `only`: keep the rows `only` names for this kind's ledger."""
    if only is not None:
        queryset = queryset.filter(pk__in=only.get(_KIND_LEDGERS.get(kind), ()))
    defaults = {
        "row_id": F("id"),
        "date": F("transaction_date"),
        "character_id": F("character_id"),
        "character_name": Coalesce(F("character__db_key"), _text()),
        "from_name": _text(),
        "amount": F("amount"),
        "reason": F("reason"),
        "description": F("description"),
        "pool": _text(),
        "subject": _text(),
        "level": _number(),
        "rating": _number(),
        "banked": _number(0),
        "scene_id": _number(),
    }
    annotations = {"kind": _text(kind), **defaults, **columns}
    # Column names that equal a model field cannot be annotations: they are renamed with an
    # underscore-free alias the values() call maps back in HISTORY_COLUMNS' order.
    aliased = {f"h_{name}": annotations[name] for name in HISTORY_COLUMNS}
    return queryset.order_by().annotate(**aliased).values_list(*aliased)


def _characters_of(account) -> QuerySet:
    return CharacterOwner.objects.filter(account_id=account.pk).values("character_id")


def account_history(
    account,
    *,
    kinds: Collection[str] | None = None,
    character_id: int | None = None,
    since: datetime | None = None,
    only: Mapping[str, Collection[int]] | None = None,
) -> QuerySet:
    """Every history row of `account` and the characters it owns, newest first, as tuples in
    HISTORY_COLUMNS' order (`history_row` names them). `kinds` keeps only those kinds
    (HistoryKind values), `character_id` only rows about that character (account rows that name
    it included), `since` only rows after that moment, `only` only these ledger rows ({model
    label: ids}, as `ledger_rows_committed` sends them; purchases are told by their XP rows).

    One statement whatever is asked; slice it to page, `.iterator()` it to stream.
    """
    wanted = set(kinds) if kinds else set(HistoryKind.values)
    if only is not None:
        wanted &= {_LEDGER_KINDS[label] for label in only if label in _LEDGER_KINDS}
    by_date = Q(transaction_date__gt=since) if since else Q()
    owned = _characters_of(account)
    # Account rows that name a character, and every row of a character, filtered alike.
    about = Q(character_id=character_id) if character_id is not None else Q()
    mine = Q(character_id__in=owned) & about
    parts = []
    if HistoryKind.ACCOUNT_XP in wanted:
        rows = XPTransaction.objects.filter(by_date, about, account_id=account.pk)
        parts.append(
            _part(
                rows,
                HistoryKind.ACCOUNT_XP,
                only,
                pool=_text("account"),
                **_unlock_subject("unlock__"),
            )
        )
    if HistoryKind.CHARACTER_XP in wanted:
        parts.append(
            _part(
                CharacterXPTransaction.objects.filter(by_date, mine),
                HistoryKind.CHARACTER_XP,
                only,
                pool=Case(
                    When(transferable=True, then=_text("transferable")), default=_text("locked")
                ),
                **_unlock_subject("unlock__"),
            )
        )
    if HistoryKind.KUDOS in wanted:
        rows = KudosTransaction.objects.filter(by_date, about, account_id=account.pk)
        parts.append(
            _part(
                rows,
                HistoryKind.KUDOS,
                only,
                # The row is about the character that received the kudos (what the character
                # filter keeps); who gave them is told by their character, never their account.
                from_name=Coalesce(F("awarded_by_character__db_key"), _text()),
                reason=Case(
                    When(claim_category__isnull=False, then=_text("kudos_claim")),
                    default=_text("kudos_award"),
                ),
                # A staff correction has neither category: it is told as a "correction".
                subject=Coalesce(
                    F("source_category__display_name"),
                    F("claim_category__display_name"),
                    F("reason"),
                ),
                pool=_text("kudos"),
            )
        )
    if HistoryKind.DEVELOPMENT in wanted:
        parts.append(
            _part(
                DevelopmentTransaction.objects.filter(by_date, mine),
                HistoryKind.DEVELOPMENT,
                only,
                pool=F("source"),
                subject=F("trait__name"),
                banked=F("banked"),
                scene_id=F("scene_id"),
            )
        )
    # Staff corrections (and starting values) of trait values and class levels, and
    # achievements earned in play, granted or revoked (`rules.history` names them by key).
    for kind, model, subject in (
        (HistoryKind.TRAIT_VALUE, TraitValueTransaction, "trait__name"),
        (HistoryKind.CLASS_LEVEL, ClassLevelTransaction, "character_class__name"),
        (HistoryKind.ACHIEVEMENT, AchievementTransaction, "achievement_key"),
    ):
        if kind in wanted:
            parts.append(_part(model.objects.filter(by_date, mine), kind, only, subject=F(subject)))
    if HistoryKind.PURCHASE in wanted:
        rows = CharacterUnlock.objects.filter(mine)
        if since:
            rows = rows.filter(unlocked_date__gt=since)
        parts.append(
            _part(
                rows,
                HistoryKind.PURCHASE,
                date=F("unlocked_date"),
                amount=F("xp_spent"),
                reason=Case(
                    When(refunded_date__isnull=False, then=_text("refunded")),
                    default=_text("xp_purchase"),
                ),
                description=_text(),
                **_unlock_subject(""),
            )
        )
    if not parts:
        return XPTransaction.objects.none().values_list("id")
    first, *rest = parts
    merged = first.union(*rest, all=True) if rest else first
    return merged.order_by("-h_date", "-h_kind", "-h_row_id")


def history_row(values: tuple) -> dict:
    """One row of `account_history` by column name."""
    return dict(zip(HISTORY_COLUMNS, values, strict=True))


__all__ = ["HISTORY_COLUMNS", "account_history", "history_row"]
