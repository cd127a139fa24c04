"""The unlock catalogue: every unlock with its label, price, requirements and sale facts, read
once and kept in this process's memory while the catalogue's version token stands.

The catalogue changes only when staff edit it, and every such change replaces the token (see
`models.catalogue`), so a shop or purchase costs one small query for the token instead of a
dozen for the catalogue, and reuses the model instances built for it instead of building
them again: the cost that made a big shop slow.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ..models import MultiClassRequirement
from ..models.catalogue import catalogue_version
from ..rules.unlocks import CLASS_LEVEL, sale_problems, unlock_key, unlock_kind, unlock_label
from .catalogue_rows import active_requirements, class_level_offer, every_unlock, trait_rating_offer
from .costs import CostTable


@dataclass(frozen=True)
class Offer:
    """One unlock as the catalogue knows it: what every character's quote of it starts from."""

    unlock: Any  # the ClassLevelUnlock or TraitRatingUnlock, its class or trait loaded
    kind: str
    label: str
    subject: int  # the class or trait id
    target: int  # the level or rating
    price: int | None  # None: no active price
    # (what its result depends on, requirement): requirements equal in everything but their
    # unlock answer alike for one character, so a shop checks each distinct one once.
    requirements: tuple[tuple[Hashable, Any], ...]
    # Offers whose requirements are equal in all those keys share a number: a shop works out
    # what fails once per number (None: no requirements).
    requirement_group: int | None
    defined_ratings: tuple[int, ...]  # for a trait rating: the trait's ratings that have unlocks
    class_hidden: bool
    # `rules.unlocks.sale_problems`, worked out once per read of the catalogue.
    sale_problem: str | None
    hidden_problem: str | None  # the problem instead, to a character without the hidden class


@dataclass(frozen=True)
class Catalogue:
    offers: tuple[Offer, ...]  # in the order the shop lists them
    by_key: dict[tuple[str, int, int], Offer]  # by `rules.unlocks.unlock_key`
    relationship_targets: tuple[str, ...]  # character keys requirements look at

    def offer_for(self, unlock) -> Offer | None:
        """The catalogue's offer of `unlock` (any instance of it), or None when it is gone."""
        return self.by_key.get(unlock_key(unlock))

    def offer_with_id(self, kind: str, pk: int) -> Offer | None:
        """The offer of the unlock of `kind` (`rules.unlocks.CLASS_LEVEL` or `TRAIT_RATING`)
        with id `pk`, as a goal names it; None when it is gone."""
        return self._by_id.get((kind, pk))

    @cached_property
    def _by_id(self) -> dict[tuple[str, int], Offer]:
        return {(offer.kind, offer.unlock.pk): offer for offer in self.offers}


# (token, catalogue) of the last whole read; replaced whole, so threads never see half of one.
_cached: tuple[str, Catalogue] | None = None
# (token, {unlock key: offer, None when gone}) of offers read one at a time since the token
# changed: a purchase after an edit or a restart reads its own offer, not the whole catalogue.
_single: tuple[str, dict[tuple[str, int, int], Offer | None]] | None = None


def unlock_catalogue() -> Catalogue:
    """The catalogue as the database has it now: one query when this process has it already."""
    global _cached
    # The token is read before the rows: a change committed in between gives rows newer than
    # the token, never older, so the next call reads them again instead of keeping stale ones.
    token = catalogue_version()
    cached = _cached
    if token is not None and cached is not None and cached[0] == token:
        return cached[1]
    catalogue = read_catalogue()
    if token is not None:  # no token yet: rows written without one are never kept
        _cached = (token, catalogue)
    return catalogue


def catalogue_offer(unlock) -> Offer | None:
    """The catalogue's offer of `unlock` as the database has it now (None when the unlock is
    gone): one query when this process has it already, else a read of that offer alone."""
    global _single
    token = catalogue_version()  # before the rows, as in `unlock_catalogue`
    cached = _cached
    if token is not None and cached is not None and cached[0] == token:
        return cached[1].offer_for(unlock)
    key = unlock_key(unlock)
    single = _single
    if token is not None and single is not None and single[0] == token and key in single[1]:
        return single[1][key]
    offer = read_offer(key, unlock_id=unlock.pk)
    if token is not None:
        if single is None or single[0] != token:
            single = _single = (token, {})
        single[1][key] = offer
    return offer


def read_catalogue() -> Catalogue:
    """Read the whole catalogue from the database (a fixed number of queries)."""
    class_unlocks, trait_unlocks = every_unlock()
    requirements = active_requirements() if class_unlocks else {}
    # Every price (no list of ids to send), of the kinds there are unlocks of.
    costs = CostTable(
        class_ids=None if class_unlocks else (), trait_ids=None if trait_unlocks else ()
    )
    defined: dict[int, list[int]] = {}
    for unlock in trait_unlocks:
        defined.setdefault(unlock.trait_id, []).append(unlock.target_rating)
    groups: dict[tuple, int] = {}
    offers = [
        _offer(unlock, costs.price(unlock), requirements.get(unlock.pk, ()), (), groups)
        for unlock in class_unlocks
    ] + [
        _offer(unlock, costs.price(unlock), (), tuple(defined[unlock.trait_id]), groups)
        for unlock in trait_unlocks
    ]
    targets = {t for rs in requirements.values() for r in rs for t in r.relationship_targets()}
    return Catalogue(
        offers=tuple(offers),
        by_key={unlock_key(offer.unlock): offer for offer in offers},
        relationship_targets=tuple(sorted(targets)),
    )


def read_offer(key: tuple[str, int, int], *, unlock_id: int | None = None) -> Offer | None:
    """Read one unlock's offer, by `rules.unlocks.unlock_key`, from the database: the unlock
    with its class (or its trait and that trait's other ratings), its price and requirements,
    in one statement (two with a multi-class requirement) when `unlock_id` is the class-level
    unlock's id (`catalogue_rows.class_level_offer`)."""
    kind, subject, target = key
    if kind == CLASS_LEVEL:
        unlock, requirements, prices = class_level_offer(subject, target, unlock_id=unlock_id)
        if unlock is None:
            return None
        price = CostTable.from_rows(class_rows=prices).price(unlock)
        return _offer(unlock, price, requirements, (), {})
    ratings, prices = trait_rating_offer(subject, target)
    unlock = next((found for found in ratings if found.target_rating == target), None)
    if unlock is None:
        return None
    defined = tuple(found.target_rating for found in ratings)
    price = CostTable.from_rows(trait_rows=prices).price(unlock)
    return _offer(unlock, price, (), defined, {})


def _offer(unlock, price: int | None, requirements, defined_ratings, groups: dict) -> Offer:
    """The offer of `unlock`; `groups` numbers the distinct sets of requirements of one read."""
    kind, label = unlock_kind(unlock), unlock_label(unlock)
    class_level = kind == CLASS_LEVEL
    class_hidden = unlock.character_class.is_hidden if class_level else False
    target = unlock.target_level if class_level else unlock.target_rating
    keyed = tuple((_depends_on(requirement), requirement) for requirement in requirements)
    group = groups.setdefault(tuple(key for key, _ in keyed), len(groups)) if keyed else None
    sale, hidden = sale_problems(
        kind=kind, label=label, target=target, price=price, class_hidden=class_hidden
    )
    return Offer(
        unlock=unlock,
        kind=kind,
        label=label,
        subject=unlock.character_class_id if class_level else unlock.trait_id,
        target=target,
        price=price,
        requirements=keyed,
        requirement_group=group,
        defined_ratings=defined_ratings,
        class_hidden=class_hidden,
        sale_problem=sale,
        hidden_problem=hidden,
    )


def _depends_on(requirement) -> Hashable:
    """What a requirement's result for a character depends on: its type and its own fields
    (not its id or unlock); a multi-class requirement's classes are rows of their own, so it
    is only ever equal to itself."""
    if isinstance(requirement, MultiClassRequirement):
        return MultiClassRequirement, requirement.pk
    skip = {"id", "class_level_unlock_id"}
    fields = type(requirement)._meta.concrete_fields
    return type(requirement), tuple(
        getattr(requirement, f.attname) for f in fields if f.attname not in skip
    )


__all__ = [
    "Catalogue",
    "Offer",
    "catalogue_offer",
    "read_catalogue",
    "read_offer",
    "unlock_catalogue",
]
