"""Spending XP on unlocks, as the specification names it: thin adapters over the one evaluation
(`rules.unlocks.evaluate_unlock`, read by `selectors.shop`) and the one purchase
(`services.purchases`) and refund (`services.refunds`)."""

from __future__ import annotations

from evennia.accounts.models import AccountDB
from evennia.objects.models import ObjectDB

from world.classes.models import CharacterClass

from ..exceptions import InsufficientXPError, ProgressionError
from ..models import CharacterUnlock, ClassLevelUnlock
from ..rules.unlocks import unlock_kind, unlock_label
from ..selectors import owner_of
from ..selectors.shop import quote_unlock, unlock_shop, xp_pools
from .purchases import Unlock, purchase_unlock
from .refunds import refund_unlock

# The ownership rule lives in selectors; the services keep the older name for callers.
owning_account = owner_of


def spend_xp_on_unlock(
    character: ObjectDB,
    unlock_target: Unlock,
    gm: AccountDB | None = None,
    *,
    idempotency_key: str | None = None,
) -> tuple[bool, str, CharacterUnlock | None]:
    """(success, message, unlock_record): the specification's form of `purchase_unlock`."""
    try:
        record = purchase_unlock(character, unlock_target, gm=gm, idempotency_key=idempotency_key)
    except ProgressionError as error:
        return False, str(error), None
    return True, f"Unlocked {unlock_label(unlock_target)} for {record.xp_spent} XP.", record


def check_requirements_for_unlock(character: ObjectDB, unlock: Unlock) -> tuple[bool, list[str]]:
    """(all_met, failed_messages) for one unlock; inactive requirements are ignored."""
    quote = quote_unlock(character, unlock)
    return quote.requirements_met, list(quote.failed)


def why_not_next(character: ObjectDB, unlock: Unlock) -> str | None:
    """Why `unlock` is not the character's next step (already past it, an earlier level or
    rating first), or None when it is."""
    return quote_unlock(character, unlock).step_problem


def get_available_unlocks_for_character(character: ObjectDB) -> dict[str, list[dict]]:
    """The character's shop: {"available", "locked", "already_unlocked"} (see
    `selectors.shop.unlock_shop`)."""
    return unlock_shop(character)


def calculate_level_up_requirements(
    character: ObjectDB, character_class: CharacterClass, target_level: int
) -> dict:
    """What buying `character_class` level `target_level` needs: cost, current level, failed
    requirements and whether it can be bought now; or {"error": ...} when there is no such
    unlock."""
    unlock = (
        ClassLevelUnlock.objects.select_related("character_class")
        .filter(character_class=character_class, target_level=target_level)
        .first()
    )
    quote = None if unlock is None else quote_unlock(character, unlock)
    if quote is None or quote.hidden:  # a hidden class is answered as a missing level
        return {"error": f"{character_class} has no level {target_level} to unlock."}
    available_xp = sum(xp_pools(character, owner_of(character)).values())
    return {
        "unlock": unlock,
        "type": unlock_kind(unlock),
        "xp_cost": quote.price,
        "on_sale": quote.on_sale,
        "sale_problem": quote.sale_problem,
        "current_level": quote.current,
        "already_unlocked": quote.bought,
        "requirements_met": quote.requirements_met,
        "failed_requirements": list(quote.failed),
        "step_problem": quote.step_problem,
        "available_xp": available_xp,
        "can_purchase": quote.refusal() is None and available_xp >= (quote.price or 0),
    }


__all__ = [
    "InsufficientXPError",
    "calculate_level_up_requirements",
    "check_requirements_for_unlock",
    "get_available_unlocks_for_character",
    "owning_account",
    "purchase_unlock",
    "refund_unlock",
    "spend_xp_on_unlock",
    "why_not_next",
]
