"""One evaluation of an unlock for a character: the rule the shop, the quote and the purchase share.

`evaluate_unlock` is a pure function of what the selectors read once (a character snapshot, the
unlock's requirements, its price, the trait's defined ratings): it answers every question a face
asks about an unlock (what it is, what it costs, whether it is bought, on sale, the next step,
which requirements fail), and a purchase is "evaluate under the character's lock, then pay".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from world.classes.models import MAX_CLASS_LEVEL

from ..exceptions import (
    AlreadyUnlockedError,
    InvalidUnlockError,
    NotForSaleError,
    ProgressionError,
    RequirementsNotMetError,
)
from ..types import UnlockType
from .ratings import rating_text

# The two kinds the faces name (the API's `type`, the shop's entries).
CLASS_LEVEL, TRAIT_RATING = "class_level", "trait_rating"


def is_class_level(unlock) -> bool:
    """True for a class-level unlock, False for a trait-rating one (its `unlock_type`)."""
    return unlock.unlock_type == UnlockType.LEVEL


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


@dataclass(frozen=True)
class Quote:
    """Everything the game says about one unlock for one character."""

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
        if self.bought:
            return AlreadyUnlockedError(f"Already unlocked: {self.label}.")
        if self.sale_problem:
            return NotForSaleError(self.sale_problem)
        if self.failed:
            return RequirementsNotMetError(failed=list(self.failed))
        if self.step_problem:
            return InvalidUnlockError(self.step_problem)
        return None


def evaluate_unlock(
    unlock,
    *,
    snapshot,
    price: int | None,
    requirements: Iterable = (),
    defined_ratings: Sequence[int] = (),
    class_hidden: bool = False,
) -> Quote:
    """The quote for `unlock` given the character's `snapshot` (see `CharacterSnapshot`), its
    active `price`, its active `requirements`, the ratings of its trait that have an unlock (for
    a trait rating) and whether its class is hidden from players."""
    label = unlock_label(unlock)
    class_level = is_class_level(unlock)
    if class_level:
        bought = (unlock.character_class_id, unlock.target_level) in snapshot.bought_class_levels
    else:
        bought = (unlock.trait_id, unlock.target_rating) in snapshot.bought_trait_ratings
    failed = tuple(
        message
        for met, message in (
            r.is_met_by_character(snapshot.character, snapshot=snapshot) for r in requirements
        )
        if not met
    )
    return Quote(
        unlock=unlock,
        kind=unlock_kind(unlock),
        label=label,
        price=price,
        bought=bought,
        failed=failed,
        step_problem=_step_problem(unlock, label, snapshot, defined_ratings),
        sale_problem=_sale_problem(unlock, label, snapshot, price, class_hidden),
        current=(
            snapshot.class_levels.get(unlock.character_class_id, 0)
            if class_level
            else snapshot.trait_values.get(unlock.trait_id, 0)
        ),
        has_any_class=bool(snapshot.class_levels),
    )


def _sale_problem(unlock, label: str, snapshot, price: int | None, class_hidden: bool):
    if is_class_level(unlock):
        # A hidden class is not offered; a character who already has it (given by staff) may
        # go on in it.
        if class_hidden and unlock.character_class_id not in snapshot.class_levels:
            return f"{label} is not offered to players."
        if unlock.target_level > MAX_CLASS_LEVEL:
            return f"{label} is past the highest level ({MAX_CLASS_LEVEL})."
    if price is None:
        return f"{label} has no price set yet, so it is not for sale."
    return None


def _step_problem(unlock, label: str, snapshot, defined_ratings: Sequence[int]) -> str | None:
    if is_class_level(unlock):
        current = snapshot.class_levels.get(unlock.character_class_id, 0)
        if unlock.target_level <= current:
            return f"You already have {label}."
        if unlock.target_level != current + 1:
            return (
                f"{label} needs level {unlock.target_level - 1} first (you have level {current})."
            )
        return None
    # A threshold the trait has already reached without buying it (a value set at character
    # creation or by staff) is passed: it neither needs nor blocks a purchase.
    current = snapshot.trait_values.get(unlock.trait_id, 0)
    if current >= unlock.target_rating:
        return (
            f"{snapshot.character.key}'s {unlock.trait.name} is already {rating_text(current)}: "
            f"there is nothing to unlock at {rating_text(unlock.target_rating)}."
        )
    earlier = sorted(
        rating
        for rating in defined_ratings
        if current < rating < unlock.target_rating
        and (unlock.trait_id, rating) not in snapshot.bought_trait_ratings
    )
    if earlier:
        return f"Unlock {unlock.trait.name} {rating_text(earlier[0])} first."
    return None


__all__ = [
    "CLASS_LEVEL",
    "MAX_CLASS_LEVEL",
    "TRAIT_RATING",
    "Quote",
    "evaluate_unlock",
    "is_class_level",
    "unlock_key",
    "unlock_kind",
    "unlock_label",
]
