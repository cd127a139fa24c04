"""One evaluation of an unlock for a character: the rule the shop, the quote and the purchase share.

`evaluate_unlock` is a pure function of what the selectors read (a character snapshot, and the
catalogue's offer of the unlock: its requirements, price, the trait's defined ratings): it
answers every question a face asks about an unlock (what it is, what it costs, whether it is
bought, on sale, the next step, which requirements fail), and a purchase is "evaluate under
the character's lock, then pay".
"""

from __future__ import annotations

from typing import Any, NamedTuple

from world.classes.models import MAX_CLASS_LEVEL

from ..exceptions import (
    AlreadyUnlockedError,
    InvalidUnlockError,
    NotForSaleError,
    ProgressionError,
    RequirementsNotMetError,
    UnknownUnlockError,
)
from ..types import UnlockType
from .ratings import rating_text

# The two kinds the faces name (the API's `type`, the shop's entries).
CLASS_LEVEL, TRAIT_RATING = "class_level", "trait_rating"

# The pools a purchase draws from, in the order it draws: the character's own XP first.
LOCKED, TRANSFERABLE, ACCOUNT = "locked", "transferable", "account"
POOL_ORDER = (LOCKED, TRANSFERABLE, ACCOUNT)


def is_class_level(unlock) -> bool:
    """True for a class-level unlock, False for a trait-rating one (its `unlock_type`)."""
    # Read on the class: a trait-rating unlock's `unlock_type` is a property that loads its
    # trait (a query), and only a class-level unlock has the attribute set on its class.
    return getattr(type(unlock), "unlock_type", None) == UnlockType.LEVEL


def unlock_kind(unlock) -> str:
    return CLASS_LEVEL if is_class_level(unlock) else TRAIT_RATING


def unlock_label(unlock) -> str:
    """How players name an unlock: "Warrior level 2", "Strength 3.0"."""
    if is_class_level(unlock):
        return f"{unlock.character_class.name} level {unlock.target_level}"
    return f"{unlock.trait.name} {rating_text(unlock.target_rating)}"


def unlock_key(unlock) -> tuple[str, int, int]:
    """What the unlock raises and to where: (kind, class or trait id, level or rating)."""
    if is_class_level(unlock):
        return CLASS_LEVEL, unlock.character_class_id, unlock.target_level
    return TRAIT_RATING, unlock.trait_id, unlock.target_rating


def hidden_from(*, class_hidden: bool, class_id: int, class_levels) -> bool:
    """True when a class is to be answered as one that does not exist: it is hidden and the
    character has no level in it (`class_levels`: the ids of the classes it has). A character
    that has a hidden class (given by staff) may go on in it. Every face's lookup and every
    quote asks this, so all answer a hidden class alike."""
    return class_hidden and class_id not in class_levels


class Quote(NamedTuple):
    """Everything the game says about one unlock for one character. (A named tuple: a big
    shop makes a thousand of them per call, and it is the cheapest immutable record.)"""

    unlock: Any
    kind: str
    label: str
    price: int | None  # None: no active price, and so not for sale
    bought: bool
    failed: tuple[str, ...]  # every requirement the character does not meet, as messages
    step_problem: str | None  # why it is not the character's next step (None: it is)
    sale_problem: str | None  # why it is not for sale (None: it is)
    current: int = 0  # the character's level in the class, or its value in the trait
    has_any_class: bool = False  # whether the character has a level in any class
    hidden: bool = False  # a hidden class to this character: answered as no such unlock
    paid: int | None = None  # what the character paid for it, when bought

    @property
    def on_sale(self) -> bool:
        return self.sale_problem is None

    @property
    def is_next_step(self) -> bool:
        return self.step_problem is None

    @property
    def requirements_met(self) -> bool:
        return not self.failed

    def refusal(self) -> ProgressionError | None:
        """Why a purchase must be refused, as the error to raise, or None when it may go on
        (affording it is the payment's question)."""
        if self.hidden:
            return UnknownUnlockError()
        if self.bought:
            return AlreadyUnlockedError(f"Already unlocked: {self.label}.")
        if self.sale_problem:
            return NotForSaleError(self.sale_problem)
        if self.failed:
            return RequirementsNotMetError(failed=list(self.failed))
        if self.step_problem:
            return InvalidUnlockError(self.step_problem)
        return None


def evaluate_unlock(offer, *, snapshot, checked: dict | None = None) -> Quote:
    """The quote for one unlock given the character's `snapshot` (see `CharacterSnapshot`) and
    what the catalogue knows of the unlock, `offer` (see `selectors.catalogue.Offer`: the
    unlock, its kind, label, class or trait id (`subject`), level or rating (`target`), active
    price, active requirements keyed by what their result depends on and numbered by their
    group, the trait's ratings that have unlocks, whether its class is hidden from players,
    and its sale problems, see `sale_problems`).

    `checked` keeps requirement results by that key, and each group's failures by its number,
    across the unlocks of one character's shop, so what many unlocks share is checked once.
    """
    checked = {} if checked is None else checked
    failed = checked.get(offer.requirement_group)
    if failed is None:
        failed = checked[offer.requirement_group] = _failed(offer, snapshot, checked)
    subject, target = offer.subject, offer.target
    if offer.kind == CLASS_LEVEL:
        current = snapshot.class_levels.get(subject, 0)
        paid = snapshot.bought_class_levels.get((subject, target))
        # (a shop's commonest case first: the next level is the next step)
        step = None if target == current + 1 else _step_problem(offer, snapshot, current)
        hidden = hidden_from(
            class_hidden=offer.class_hidden, class_id=subject, class_levels=snapshot.class_levels
        )
        sale = offer.hidden_problem if hidden else offer.sale_problem
    else:
        current = snapshot.trait_values.get(subject, 0)
        paid = snapshot.bought_trait_ratings.get((subject, target))
        step = _step_problem(offer, snapshot, current)
        sale, hidden = offer.sale_problem, False
    return Quote(
        offer.unlock,
        offer.kind,
        offer.label,
        offer.price,
        paid is not None,
        failed,
        step,
        sale,
        current,
        bool(snapshot.class_levels),
        hidden,
        paid,
    )


def _failed(offer, snapshot, checked: dict) -> tuple[str, ...]:
    """The messages of the offer's requirements the character does not meet."""
    messages = []
    for key, requirement in offer.requirements:
        result = checked.get(key)
        if result is None:
            result = checked[key] = requirement.is_met_by_character(
                snapshot.character, snapshot=snapshot
            )
        if not result[0]:
            messages.append(result[1])
    return tuple(messages)


def price_parts(price: int, available: dict[str, int]) -> dict[str, int]:
    """What a purchase of `price` takes from each pool (`POOL_ORDER`), given what each holds:
    each pool in turn gives what it has until the price is paid. Pools left untouched are 0;
    a price above everything available leaves the rest unpaid (the purchase refuses it)."""
    parts = dict.fromkeys(POOL_ORDER, 0)
    remaining = price
    for pool in POOL_ORDER:
        parts[pool] = max(0, min(remaining, available.get(pool, 0)))
        remaining -= parts[pool]
    return parts


def sale_problems(
    *, kind: str, label: str, target: int, price: int | None, class_hidden: bool
) -> tuple[str | None, str | None]:
    """Why an unlock is not for sale, whoever asks, and for a hidden class why it is not for
    sale to a character without a level in it (the second is None unless the class is hidden;
    either is None when there is no problem). Both are facts of the catalogue alone, so it
    works them out once per read of it."""
    hidden = f"{label} is not offered to players." if class_hidden else None
    if kind == CLASS_LEVEL and target > MAX_CLASS_LEVEL:
        return f"{label} is past the highest level ({MAX_CLASS_LEVEL}).", hidden
    if price is None:
        return f"{label} has no price set yet, so it is not for sale.", hidden
    return None, hidden


def _step_problem(offer, snapshot, current: int) -> str | None:
    label, target = offer.label, offer.target
    if offer.kind == CLASS_LEVEL:
        if target == current + 1:
            return None
        if target <= current:
            return f"You already have {label}."
        return f"{label} needs level {target - 1} first (you have level {current})."
    # A threshold the trait has already reached without buying it (a value set at character
    # creation or by staff) is passed: it neither needs nor blocks a purchase.
    trait = offer.unlock.trait
    if current >= target:
        return (
            f"{snapshot.character.key}'s {trait.name} is already {rating_text(current)}: "
            f"there is nothing to unlock at {rating_text(target)}."
        )
    bought = snapshot.bought_trait_ratings
    earlier = sorted(
        rating
        for rating in offer.defined_ratings
        if current < rating < target and (offer.subject, rating) not in bought
    )
    if earlier:
        return f"Unlock {trait.name} {rating_text(earlier[0])} first."
    return None


__all__ = [
    "ACCOUNT",
    "CLASS_LEVEL",
    "LOCKED",
    "MAX_CLASS_LEVEL",
    "POOL_ORDER",
    "TRAIT_RATING",
    "TRANSFERABLE",
    "Quote",
    "evaluate_unlock",
    "hidden_from",
    "is_class_level",
    "price_parts",
    "sale_problems",
    "unlock_key",
    "unlock_kind",
    "unlock_label",
]
