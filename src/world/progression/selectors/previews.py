"""What a purchase would do, told before it is made: its price, what each pool gives, the
banked development it releases, or why it would be refused. Nothing is spent."""

from __future__ import annotations

from dataclasses import dataclass

from ..exceptions import InsufficientXPError, ProgressionError
from ..models.development_state import read_development_state
from ..rules.ratings import points_released
from ..rules.unlocks import TRAIT_RATING, Quote, price_parts
from .accounts import owner_of
from .shop import quote_unlock, xp_pools


@dataclass(frozen=True)
class PurchasePreview:
    quote: Quote
    available: dict[str, int]  # what each pool holds now, in the order a purchase draws
    parts: dict[str, int]  # what the purchase would take from each pool
    released: int  # banked development points the purchase would apply to the trait
    refusal: ProgressionError | None  # why the purchase would be refused (None: it would not)


def purchase_preview(character, unlock) -> PurchasePreview:
    """The purchase of `unlock` for `character` as `purchase_unlock` would make it now, by the
    same rules (the quote, the pools' order, the banked points' release), in a fixed number of
    queries. An unlock no longer in the catalogue raises InvalidUnlockError."""
    quote = quote_unlock(character, unlock)
    available = xp_pools(character, owner_of(character))
    price = quote.price or 0
    refusal = quote.refusal()
    if refusal is None and sum(available.values()) < price:
        refusal = InsufficientXPError(need=price, have=sum(available.values()))
    released = 0
    if quote.kind == TRAIT_RATING and not quote.bought:
        pair = (character.pk, quote.unlock.trait_id)
        state = read_development_state([character.pk], [quote.unlock.trait_id])
        _, banked = state.points.get(pair, (0, 0))
        still_locked = state.locked(pair) - {quote.unlock.target_rating}
        released = points_released(banked, state.values.get(pair, 0), still_locked)
    return PurchasePreview(
        quote=quote,
        available=available,
        parts=price_parts(price, available),
        released=released,
        refusal=refusal,
    )


__all__ = ["PurchasePreview", "purchase_preview"]
