"""What an open progression page polls: a short version of everything the page shows, which
changes whenever a ledger row of the account or one of its characters is written (a GM's
award, a purchase, a claim, the weekly run, a staff correction, a path chosen) or a character's
goal is set or cleared (`plan/set`), and costs one statement to read.

Every change to a balance writes a ledger row (`models.written.record_written` sees them all),
and rows are dated when written, so the newest row of each ledger, found through the ledger's
own "(owner, newest first)" index, moves on every change. A goal writes no row: it is an
Evennia attribute (`plans.GOAL_ATTRIBUTE`), whose stored value is read as it is. Reading it all
is one probe per ledger and per owned character, whatever the number of rows.
"""

from __future__ import annotations

import hashlib

from django.db.models import IntegerField, OuterRef, Subquery, TextField, Value
from evennia.accounts.models import AccountDB

from ..models import (
    AchievementTransaction,
    CharacterOwner,
    CharacterPathHistory,
    CharacterXPTransaction,
    ClassLevelTransaction,
    DevelopmentTransaction,
    KudosTransaction,
    TraitValueTransaction,
    XPTransaction,
)
from .plans import goal_subquery


def _newest(model, owner: str, outer: str) -> Subquery:
    """The id of `model`'s newest row whose `owner` is the outer row's `outer`, found through
    the ledger's (owner, newest first) index."""
    rows = model.objects.filter(**{owner: OuterRef(outer)}).order_by("-transaction_date", "-id")
    return Subquery(rows.values("id")[:1])


def _last(model, owner: str, outer: str) -> Subquery:
    """The highest id of `model`'s rows whose `owner` is the outer row's `outer`: for tables
    written rarely (staff corrections, paths chosen), whose index starts with the owner."""
    rows = model.objects.filter(**{owner: OuterRef(outer)}).order_by("-id")
    return Subquery(rows.values("id")[:1])


def account_version(account) -> str:
    """A short token that changes whenever any ledger of `account` or of a character it owns
    gains a row, a character's goal is set or cleared, or the account gains or loses a
    character. One statement."""
    own = AccountDB.objects.filter(pk=account.pk).annotate(
        newest_xp=_newest(XPTransaction, "account_id", "pk"),
        newest_kudos=_newest(KudosTransaction, "account_id", "pk"),
    )
    # The account's own row says 0 for "no character".
    nothing = Value(None, IntegerField())
    own = own.values_list(
        Value(0), "newest_xp", "newest_kudos", *[nothing] * 4, Value(None, TextField())
    )
    characters = (
        CharacterOwner.objects.filter(account_id=account.pk)
        .annotate(
            newest_xp=_newest(CharacterXPTransaction, "character_id", "character_id"),
            newest_development=_newest(DevelopmentTransaction, "character_id", "character_id"),
            newest_achievement=_newest(AchievementTransaction, "character_id", "character_id"),
            # Staff corrections of trait values and class levels, and paths chosen, show on
            # the sheet too.
            last_trait_value=_last(TraitValueTransaction, "character_id", "character_id"),
            last_class_level=_last(ClassLevelTransaction, "character_id", "character_id"),
            last_path=_last(CharacterPathHistory, "character_id", "character_id"),
            # The goal as stored: a new goal is a new value, a cleared one no row (NULL).
            goal=goal_subquery("character_id", as_stored=True),
        )
        .values_list(
            "character_id",
            "newest_xp",
            "newest_development",
            "newest_achievement",
            "last_trait_value",
            "last_class_level",
            "last_path",
            "goal",
        )
    )
    rows = sorted(own.union(characters, all=True), key=lambda row: row[0])
    return hashlib.blake2b(repr(rows).encode(), digest_size=8).hexdigest()


__all__ = ["account_version"]
