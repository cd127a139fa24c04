"""The staff moves the two-person rule covers, one entry each: which service runs it, which
pool its amount counts against, which of its arguments are rows (stored by id while a request
waits) and the words that name it. `services.approvals` is the only caller."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from evennia.accounts.models import AccountDB
from evennia.objects.models import ObjectDB

from world.classes.models import CharacterClass
from world.traits.models import Trait

from ..models import CharacterUnlock, KudosSourceCategory
from ..models.approvals import ApprovalPool, StaffAction
from ..types import DevelopmentSource, ProgressionReason
from .awards import award_character_xp, award_development, award_xp
from .cg_conversion import award_cg_conversion_xp
from .corrections import (
    correct_account_xp,
    correct_character_xp,
    correct_class_level,
    correct_development,
    correct_kudos,
    correct_trait_value,
)
from .kudos import award_kudos
from .refunds import refund_unlock

GM_AWARD = ProgressionReason.GM_AWARD


@dataclass(frozen=True)
class ActionSpec:
    pool: ApprovalPool
    # run(gm=<the staff member who asked>, **arguments) -> the row it posted (ledger row, or
    # the refunded unlock).
    run: Callable[..., models.Model]
    # words(named, **arguments) -> what is asked, e.g. "award Corin 500 XP".
    words: Callable[..., str]
    # Arguments that are rows: name -> model (a request keeps their ids).
    rows: Mapping[str, type[models.Model]] = field(default_factory=dict)
    # The amount the pool's threshold is compared with.
    amount: Callable[[Mapping[str, Any]], int] = lambda arguments: arguments["amount"]


def _kind(transferable: bool) -> str:
    return "transferable" if transferable else "locked"


# --- The services, called with one set of keyword arguments ------------------------------------


def _award_account_xp(*, gm, account, amount, description="", idempotency_key=None):
    return award_xp(
        account,
        amount,
        reason=GM_AWARD,
        description=description,
        gm=gm,
        idempotency_key=idempotency_key,
    )


def _award_character_xp(*, gm, character, amount, transferable=True, description=""):
    return award_character_xp(
        character,
        amount,
        transferable=transferable,
        reason=GM_AWARD,
        description=description,
        gm=gm,
    )


def _award_development(*, gm, character, trait, amount, source, description=""):
    return award_development(
        character=character,
        trait=trait,
        amount=amount,
        source=source,
        reason=GM_AWARD,
        description=description,
        gm=gm,
    )


def _award_kudos(
    *,
    gm,
    account,
    amount,
    source_category,
    description="",
    character=None,
    awarded_by_character=None,
    idempotency_key=None,
):
    return award_kudos(
        account,
        amount,
        source_category,
        description,
        awarded_by=gm,
        character=character,
        awarded_by_character=awarded_by_character,
        idempotency_key=idempotency_key,
    ).transaction


def _convert(*, gm, character, remaining_cg_points, conversion_rate):
    return award_cg_conversion_xp(
        character, remaining_cg_points=remaining_cg_points, conversion_rate=conversion_rate
    )


def _correct_pool(service):
    def run(*, gm, account, amount, reason_text):
        return service(account, amount, gm=gm, reason_text=reason_text)

    return run


def _correct_character_xp(*, gm, character, amount, reason_text, transferable=True):
    return correct_character_xp(
        character, amount, transferable=transferable, gm=gm, reason_text=reason_text
    )


def _correct_development(*, gm, character, trait, amount, reason_text):
    return correct_development(character, trait, amount, gm=gm, reason_text=reason_text)


def _correct_trait_value(*, gm, character, trait, amount, reason_text):
    return correct_trait_value(character, trait, amount, gm=gm, reason_text=reason_text)


def _correct_class_level(*, gm, character, character_class, amount, reason_text):
    return correct_class_level(character, character_class, amount, gm=gm, reason_text=reason_text)


def _refund(*, gm, unlock, reason=""):
    return refund_unlock(unlock, gm, reason)


def _because(text: str | None) -> str:
    return f": {text}" if text else ""


STAFF_ACTIONS: dict[str, ActionSpec] = {
    StaffAction.AWARD_ACCOUNT_XP: ActionSpec(
        pool=ApprovalPool.ACCOUNT_XP,
        run=_award_account_xp,
        rows={"account": AccountDB},
        words=lambda named, *, amount, description="", **_: (
            f"award {named} {amount} XP{_because(description)}"
        ),
    ),
    StaffAction.AWARD_CHARACTER_XP: ActionSpec(
        pool=ApprovalPool.CHARACTER_XP,
        run=_award_character_xp,
        rows={"character": ObjectDB},
        words=lambda named, *, amount, transferable=True, description="", **_: (
            f"award {named} {amount} {_kind(transferable)} XP{_because(description)}"
        ),
    ),
    StaffAction.AWARD_DEVELOPMENT: ActionSpec(
        pool=ApprovalPool.DEVELOPMENT,
        run=_award_development,
        rows={"character": ObjectDB, "trait": Trait},
        words=lambda named, *, amount, trait, source, description="", **_: (
            f"award {named} {amount} {trait.name} development points "
            f"({DevelopmentSource(source).label.lower()}){_because(description)}"
        ),
    ),
    StaffAction.AWARD_KUDOS: ActionSpec(
        pool=ApprovalPool.KUDOS,
        run=_award_kudos,
        rows={
            "account": AccountDB,
            "source_category": KudosSourceCategory,
            "character": ObjectDB,
            "awarded_by_character": ObjectDB,
        },
        words=lambda named, *, amount, source_category, description="", **_: (
            f"award {named} {amount} kudos for {source_category.display_name}"
            f"{_because(description)}"
        ),
    ),
    StaffAction.CONVERT_CREATION_POINTS: ActionSpec(
        pool=ApprovalPool.CHARACTER_XP,
        run=_convert,
        rows={"character": ObjectDB},
        amount=lambda arguments: arguments["remaining_cg_points"] * arguments["conversion_rate"],
        words=lambda named, *, remaining_cg_points, conversion_rate, **_: (
            f"convert {named}'s {remaining_cg_points} creation points to "
            f"{remaining_cg_points * conversion_rate} locked XP"
        ),
    ),
    StaffAction.CORRECT_ACCOUNT_XP: ActionSpec(
        pool=ApprovalPool.ACCOUNT_XP,
        run=_correct_pool(correct_account_xp),
        rows={"account": AccountDB},
        words=lambda named, *, amount, reason_text, **_: (
            f"correct {named}'s XP by {amount:+d}{_because(reason_text)}"
        ),
    ),
    StaffAction.CORRECT_CHARACTER_XP: ActionSpec(
        pool=ApprovalPool.CHARACTER_XP,
        run=_correct_character_xp,
        rows={"character": ObjectDB},
        words=lambda named, *, amount, reason_text, transferable=True, **_: (
            f"correct {named}'s {_kind(transferable)} XP by {amount:+d}{_because(reason_text)}"
        ),
    ),
    StaffAction.CORRECT_KUDOS: ActionSpec(
        pool=ApprovalPool.KUDOS,
        run=_correct_pool(correct_kudos),
        rows={"account": AccountDB},
        words=lambda named, *, amount, reason_text, **_: (
            f"correct {named}'s kudos by {amount:+d}{_because(reason_text)}"
        ),
    ),
    StaffAction.CORRECT_DEVELOPMENT: ActionSpec(
        pool=ApprovalPool.DEVELOPMENT,
        run=_correct_development,
        rows={"character": ObjectDB, "trait": Trait},
        words=lambda named, *, amount, trait, reason_text, **_: (
            f"correct {named}'s {trait.name} development by {amount:+d} points"
            f"{_because(reason_text)}"
        ),
    ),
    StaffAction.CORRECT_TRAIT_VALUE: ActionSpec(
        pool=ApprovalPool.TRAIT_VALUE,
        run=_correct_trait_value,
        rows={"character": ObjectDB, "trait": Trait},
        words=lambda named, *, amount, trait, reason_text, **_: (
            f"correct {named}'s {trait.name} by {amount:+d}{_because(reason_text)}"
        ),
    ),
    StaffAction.CORRECT_CLASS_LEVEL: ActionSpec(
        pool=ApprovalPool.CLASS_LEVEL,
        run=_correct_class_level,
        rows={"character": ObjectDB, "character_class": CharacterClass},
        words=lambda named, *, amount, character_class, reason_text, **_: (
            f"correct {named}'s {character_class.name} level by {amount:+d}{_because(reason_text)}"
        ),
    ),
    StaffAction.REFUND_UNLOCK: ActionSpec(
        pool=ApprovalPool.REFUND,
        run=_refund,
        rows={"unlock": CharacterUnlock},
        amount=lambda arguments: arguments["unlock"].xp_spent,
        words=lambda named, *, unlock, reason="", **_: (
            f"refund {named}'s {_target(unlock)} ({unlock.xp_spent} XP){_because(reason)}"
        ),
    ),
}


def _target(unlock: CharacterUnlock) -> str:
    if unlock.character_class_id:
        return f"{unlock.character_class.name} level {unlock.target_level}"
    return f"{unlock.trait.name} {unlock.target_rating / 10:.1f}"


__all__ = ["STAFF_ACTIONS", "ActionSpec"]
