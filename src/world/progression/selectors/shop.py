"""The shop: every unlock quoted for one character, read in a fixed number of queries."""

from __future__ import annotations

from django.db.models import ExpressionWrapper, F, IntegerField, Value

from ..exceptions import InvalidUnlockError
from ..models import CharacterXP, ExperiencePointsData
from ..models.snapshots import (
    CharacterSnapshot,
    add_relationships,
    character_snapshot,
    character_snapshots,
)
from ..models.statements import Statement
from ..rules.unlocks import (
    ACCOUNT,
    LOCKED,
    POOL_ORDER,
    TRANSFERABLE,
    Quote,
    evaluate_unlock,
    unlock_label,
)
from .accounts import owner_of
from .catalogue import Catalogue, catalogue_offer, unlock_catalogue


def xp_pools(character, account) -> dict[str, int]:
    """XP available per pool, in the order a purchase draws from them: the character's locked
    and transferable pools, then `account`'s."""
    return xp_pools_of([character], account)[character.pk]


def xp_pools_of(characters, account) -> dict[int, dict[str, int]]:
    """`xp_pools` for several characters of one account, in one query."""
    ids = [character.pk for character in characters]
    found = {pk: dict.fromkeys(POOL_ORDER, 0) for pk in ids}
    rows = _POOLS.rows(characters=sorted(ids), accounts=[] if account is None else [account.pk])
    shared = 0
    for character_id, transferable, amount in rows:
        if character_id is None:
            shared = amount
        else:
            found[character_id][TRANSFERABLE if transferable else LOCKED] = amount
    for pools in found.values():
        pools[ACCOUNT] = shared
    return found


def _pools_query(*, characters, accounts):
    available = ExpressionWrapper(F("total_earned") - F("total_spent"), IntegerField())
    rows = CharacterXP.objects.filter(character_id__in=characters).values_list(
        "character_id", "transferable", available
    )
    if accounts:
        # The account's row in the same statement, told apart by its null character.
        rows = rows.union(
            ExperiencePointsData.objects.filter(account_id__in=accounts).values_list(
                Value(None, IntegerField()), Value(False), available
            ),
            all=True,
        )
    return rows


# Compiled once per shape (`models.statements.Statement`): every quote and purchase reads it.
_POOLS = Statement(_pools_query)


def quote_unlock(character, unlock) -> Quote:
    """The quote for one unlock (see `rules.unlocks.evaluate_unlock`), in a fixed number of
    queries; a purchase calls it under the character's lock. An unlock no longer in the
    catalogue (deleted) raises InvalidUnlockError."""
    offer = catalogue_offer(unlock)
    if offer is None:
        raise InvalidUnlockError(f"{unlock_label(unlock)} is no longer an unlock.")
    targets = [t for _, r in offer.requirements for t in r.relationship_targets()]
    snapshot = character_snapshot(character, relationship_targets=targets)
    return evaluate_unlock(offer, snapshot=snapshot)


def unlock_quotes_for(
    characters,
    *,
    snapshots: dict[int, CharacterSnapshot] | None = None,
    catalogue: Catalogue | None = None,
) -> dict[int, list[Quote]]:
    """{character pk: every unlock quoted for it}; the number of queries depends neither on
    how many unlocks and requirements exist nor on how many characters are quoted. A caller
    that already read the characters' `snapshots` or the `catalogue` passes them, and they are
    not read again."""
    catalogue = catalogue or unlock_catalogue()
    targets = catalogue.relationship_targets
    if snapshots is None:
        snapshots = character_snapshots(characters, relationship_targets=targets)
    else:
        snapshots = {character.pk: snapshots[character.pk] for character in characters}
        add_relationships(snapshots, targets)
    return {
        character_id: _quotes(catalogue, snapshot) for character_id, snapshot in snapshots.items()
    }


def _quotes(catalogue: Catalogue, snapshot: CharacterSnapshot) -> list[Quote]:
    checked: dict = {}
    return [
        evaluate_unlock(offer, snapshot=snapshot, checked=checked) for offer in catalogue.offers
    ]


def shop_entry(quote: Quote, available_xp: int) -> dict:
    return {
        "unlock": quote.unlock,
        "type": quote.kind,
        "name": quote.label,
        # What was bought shows what was paid for it, not today's price.
        "xp_cost": quote.paid if quote.bought else quote.price,
        "requirements_met": not quote.failed,
        "failed_requirements": list(quote.failed),
        "affordable": quote.price is not None and available_xp >= quote.price,
    }


def unlock_shop(character) -> dict[str, list[dict]]:
    """The character's shop: {"available", "locked", "already_unlocked"}.

    Lists what is bought, and every unlock on sale that is the character's next step (the next
    level of a class, the next rating threshold of a trait), available when its requirements
    are met and locked otherwise. Unlocks not for sale (hidden classes, no price) are left out.
    """
    return unlock_shops([character], account=owner_of(character))[character.pk]


def unlock_shops(characters, *, account) -> dict[int, dict[str, list[dict]]]:
    """`unlock_shop` for several characters of `account`, in a fixed number of queries."""
    characters = list(characters)
    pools = xp_pools_of(characters, account)
    shops = {}
    for character_id, quotes in unlock_quotes_for(characters).items():
        available_xp = sum(pools[character_id].values())
        shop: dict[str, list[dict]] = {"available": [], "locked": [], "already_unlocked": []}
        for quote in quotes:
            if quote.bought:
                shop["already_unlocked"].append(shop_entry(quote, available_xp))
            # (on_sale and is_next_step, read as fields: a big shop asks a thousand times)
            elif quote.sale_problem is None and quote.step_problem is None:
                group = "locked" if quote.failed else "available"
                shop[group].append(shop_entry(quote, available_xp))
        shops[character_id] = shop
    return shops


__all__ = [
    "ACCOUNT",
    "LOCKED",
    "POOL_ORDER",
    "TRANSFERABLE",
    "quote_unlock",
    "shop_entry",
    "unlock_quotes_for",
    "unlock_shop",
    "unlock_shops",
    "xp_pools",
    "xp_pools_of",
]
