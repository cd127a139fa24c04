"""The shop: every unlock quoted for one character, read in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import IntegerField, Value

from world.classes.models import CharacterClass

from ..models import (
    REQUIREMENT_MODELS,
    CharacterXP,
    ClassLevelUnlock,
    ExperiencePointsData,
    MultiClassRequirement,
    TraitRatingUnlock,
)
from ..models.snapshots import CharacterSnapshot, character_snapshot, character_snapshots
from ..rules.unlocks import Quote, evaluate_unlock, is_class_level
from .accounts import owner_of
from .costs import CostTable

LOCKED, TRANSFERABLE, ACCOUNT = "locked", "transferable", "account"
POOL_ORDER = (LOCKED, TRANSFERABLE, ACCOUNT)  # the order a purchase draws from them


def requirements_of(unlocks: Iterable | None) -> dict[int, list]:
    """{class-level unlock id: [active requirements]}: for `unlocks`, or for every unlock when
    None (the shop, which then sends no list of ids). One query finds which of the seven
    requirement tables have rows (most unlocks have none or one kind); only those are read."""
    found: dict[int, list] = {}
    scope = {"is_active": True}
    if unlocks is not None:
        ids = [unlock.pk for unlock in unlocks if is_class_level(unlock)]
        found = {pk: [] for pk in ids}
        if not ids:
            return found
        scope["class_level_unlock_id__in"] = ids
    kinds = None
    for index, model in enumerate(REQUIREMENT_MODELS):
        part = (
            model.objects.filter(**scope)
            .annotate(kind=Value(index, output_field=IntegerField()))
            .values_list("kind", flat=True)
        )
        kinds = part if kinds is None else kinds.union(part)
    present = set(kinds)
    for index, model in enumerate(REQUIREMENT_MODELS):
        if index not in present:
            continue
        queryset = model.objects.filter(**scope)
        related = [f.name for f in model._meta.concrete_fields if f.is_relation]
        related = [name for name in related if name != "class_level_unlock"]
        if related:
            queryset = queryset.select_related(*related)
        if model is MultiClassRequirement:
            queryset = queryset.prefetch_related("class_levels__character_class")
        for requirement in queryset.order_by("pk"):
            found.setdefault(requirement.class_level_unlock_id, []).append(requirement)
    return found


def snapshot_for(character, requirements: Iterable) -> CharacterSnapshot:
    """The character's snapshot with the relationships these requirements look at."""
    targets = [target for r in requirements for target in r.relationship_targets()]
    return character_snapshot(character, relationship_targets=targets)


def xp_pools(character, account, *, for_update: bool = False) -> dict[str, int]:
    """XP available per pool, in the order a purchase draws from them: the character's locked
    and transferable pools, then `account`'s. `for_update` locks the rows (inside a purchase)."""
    return xp_pools_of([character], account, for_update=for_update)[character.pk]


def xp_pools_of(characters, account, *, for_update: bool = False) -> dict[int, dict[str, int]]:
    """`xp_pools` for several characters of one account, in two queries."""
    ids = [character.pk for character in characters]
    pools = CharacterXP.objects.filter(character_id__in=ids)
    if for_update:
        pools = pools.select_for_update(no_key=True)
    found = {pk: dict.fromkeys(POOL_ORDER, 0) for pk in ids}
    for pool in pools:
        kind = TRANSFERABLE if pool.transferable else LOCKED
        found[pool.character_id][kind] = pool.current_available
    if account is not None:
        balance = ExperiencePointsData.objects.filter(account_id=account.pk)
        if for_update:
            balance = balance.select_for_update(no_key=True)
        row = balance.first()
        for available in found.values():
            available[ACCOUNT] = row.current_available if row else 0
    return found


def quote_unlock(character, unlock) -> Quote:
    """The quote for one unlock (see `rules.unlocks.evaluate_unlock`), in a fixed number of
    queries; a purchase calls it under the character's lock."""
    class_level = is_class_level(unlock)
    requirements = requirements_of([unlock]).get(unlock.pk, []) if class_level else []
    snapshot = snapshot_for(character, requirements)
    if class_level:
        costs = CostTable(class_ids=[unlock.character_class_id])
        hidden = unlock.character_class.is_hidden
        defined: list[int] = []
    else:
        costs = CostTable(trait_ids=[unlock.trait_id])
        hidden = False
        defined = list(
            TraitRatingUnlock.objects.filter(trait_id=unlock.trait_id).values_list(
                "target_rating", flat=True
            )
        )
    return evaluate_unlock(
        unlock,
        snapshot=snapshot,
        price=costs.price(unlock),
        requirements=requirements,
        defined_ratings=defined,
        class_hidden=hidden,
    )


def all_unlocks() -> tuple[list, list]:
    """(class-level unlocks, trait-rating unlocks) in the order the shop lists them."""
    class_unlocks = list(
        ClassLevelUnlock.objects.select_related("character_class").order_by(
            "character_class__name", "target_level"
        )
    )
    trait_unlocks = list(
        TraitRatingUnlock.objects.select_related("trait").order_by("trait__name", "target_rating")
    )
    return class_unlocks, trait_unlocks


def unlock_quotes_for(characters) -> dict[int, list[Quote]]:
    """{character pk: every unlock quoted for it}; the number of queries depends neither on
    how many unlocks and requirements exist nor on how many characters are quoted."""
    class_unlocks, trait_unlocks = all_unlocks()
    requirements = requirements_of(None)
    targets = [t for rs in requirements.values() for r in rs for t in r.relationship_targets()]
    snapshots = character_snapshots(characters, relationship_targets=targets)
    hidden = set(CharacterClass.objects.filter(is_hidden=True).values_list("pk", flat=True))
    # Every price (no list of ids to send), of the kinds there are unlocks of.
    costs = CostTable(
        class_ids=None if class_unlocks else (), trait_ids=None if trait_unlocks else ()
    )
    defined: dict[int, list[int]] = {}
    for unlock in trait_unlocks:
        defined.setdefault(unlock.trait_id, []).append(unlock.target_rating)
    quotes: dict[int, list[Quote]] = {}
    for character_id, snapshot in snapshots.items():
        quotes[character_id] = []
        for unlock in [*class_unlocks, *trait_unlocks]:
            class_level = is_class_level(unlock)
            quotes[character_id].append(
                evaluate_unlock(
                    unlock,
                    snapshot=snapshot,
                    price=costs.price(unlock),
                    requirements=requirements.get(unlock.pk, []) if class_level else [],
                    defined_ratings=[] if class_level else defined[unlock.trait_id],
                    class_hidden=class_level and unlock.character_class_id in hidden,
                )
            )
    return quotes


def shop_entry(quote: Quote, available_xp: int) -> dict:
    return {
        "unlock": quote.unlock,
        "type": quote.kind,
        "name": quote.label,
        "xp_cost": quote.price,
        "requirements_met": quote.requirements_met,
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
            elif quote.on_sale and quote.is_next_step:
                group = "available" if quote.requirements_met else "locked"
                shop[group].append(shop_entry(quote, available_xp))
        shops[character_id] = shop
    return shops


__all__ = [
    "ACCOUNT",
    "LOCKED",
    "POOL_ORDER",
    "TRANSFERABLE",
    "all_unlocks",
    "quote_unlock",
    "requirements_of",
    "shop_entry",
    "snapshot_for",
    "unlock_quotes_for",
    "unlock_shop",
    "unlock_shops",
    "xp_pools",
    "xp_pools_of",
]
