"""Accounts and the characters they own: the one ownership rule every face and service asks."""

from __future__ import annotations

from collections.abc import Sequence

from evennia.accounts.models import AccountDB
from evennia.objects.models import ObjectDB

from ..models import CharacterOwner


def owner_of(character) -> AccountDB | None:
    """The account that may act for `character` and pays for it: the one whose playable
    characters include it (`account.characters`); for a character no account lists, the account
    that created it; None when there is neither."""
    row = CharacterOwner.objects.filter(character_id=character.pk).select_related("account")
    found = row.first()
    if found is not None:
        return found.account
    creator_id = character.attributes.get("creator_id")
    if creator_id is None:
        return None
    return AccountDB.objects.filter(pk=creator_id).first()


def may_act_for(account, character) -> bool:
    """True when `account` owns `character` (see `owner_of`)."""
    if account is None or character is None:
        return False
    owner = owner_of(character)
    return owner is not None and owner.pk == account.pk


def owned_character_ids_query(account_ids: Sequence[int]):
    """The pks of the characters the accounts of `account_ids` own (see `owner_of`), as a
    query: a reader of those characters filters by it in its own statement."""
    return CharacterOwner.objects.filter(account_id__in=account_ids).values("character_id")


def owned_character_ids(account) -> list[int]:
    """The pks of the characters `account` owns (see `owner_of`), in creation order."""
    return sorted({row["character_id"] for row in owned_character_ids_query([account.pk])})


def owned_characters(account) -> list:
    """The characters `account` owns (see `owner_of`), oldest first."""
    return list(ObjectDB.objects.filter(pk__in=owned_character_ids(account)).order_by("pk"))


__all__ = [
    "may_act_for",
    "owned_character_ids",
    "owned_character_ids_query",
    "owned_characters",
    "owner_of",
]
