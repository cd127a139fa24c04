"""Keeping the queryable owner of each character equal to Evennia's `account.characters`."""

from __future__ import annotations

from evennia.accounts.models import AccountDB
from evennia.objects.models import ObjectDB

from ..models import CharacterOwner


def record_playable_character(*, account: AccountDB, character: ObjectDB) -> None:
    """`account` now lists `character`: it owns it (the newest listing wins)."""
    CharacterOwner.objects.update_or_create(
        character_id=character.pk, defaults={"account_id": account.pk}
    )


def forget_playable_character(*, account: AccountDB, character: ObjectDB) -> None:
    """`account` no longer lists `character`: it no longer owns it."""
    CharacterOwner.objects.filter(character_id=character.pk, account_id=account.pk).delete()


__all__ = ["forget_playable_character", "record_playable_character"]
