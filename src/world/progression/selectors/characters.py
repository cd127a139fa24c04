"""Read-side queries shared by the services, the API, the commands and the admin (no writes)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from django.conf import settings
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from evennia.accounts.models import AccountDB
from evennia.objects.models import ObjectDB

from world.classes.models import CharacterClass, CharacterClassLevel
from world.traits.models import Trait

from ..models import (
    CharacterPathHistory,
    CharacterUnlock,
    CharacterXP,
    CharacterXPTransaction,
    ClassLevelUnlock,
    DevelopmentPoints,
    DevelopmentTransaction,
    KudosClaimCategory,
    KudosSourceCategory,
    TraitRatingUnlock,
)
from ..models.snapshots import CharacterSnapshot, character_snapshots
from ..models.statements import Statement
from ..rules.unlocks import TRAIT_RATING, hidden_from
from .accounts import owned_character_ids_query, owner_of
from .catalogue import Catalogue, unlock_catalogue


def path_history(character):
    """The paths a character selected, in stage order."""
    return (
        CharacterPathHistory.objects.filter(character_id=character.pk)
        .select_related("path")
        .order_by("path__stage", "selected_at")
    )


# --- Reads for the in-game commands ------------------------------------------------------------


def account_named(name: str):
    """The account a player means by `name`: its username, or failing that the name of one of
    its characters (players know each other by character names). None when nobody matches."""

    name = name.strip()
    if not name:
        return None
    account = AccountDB.objects.filter(username__iexact=name).first()
    if account is not None:
        return account
    character = character_named(name)
    if character is None:
        return None
    return owner_of(character)


def character_named(name: str):
    """The player character called `name` (case-insensitive), or None."""

    name = name.strip()
    if not name:
        return None
    characters = ObjectDB.objects.filter(db_typeclass_path=settings.BASE_CHARACTER_TYPECLASS)
    return characters.filter(db_key__iexact=name).order_by("pk").first()


def character_holds_progression(character) -> bool:
    """Whether the character has a purchase or a row in its XP or development ledgers: history
    the audit and refunds rely on, so deleting the character would erase what its owner paid."""
    held = (
        CharacterUnlock.objects.filter(character_id=character.pk),
        CharacterXPTransaction.objects.filter(character_id=character.pk),
        DevelopmentTransaction.objects.filter(character_id=character.pk),
    )
    return any(rows.exists() for rows in held)


def deletion_refusal(character) -> str | None:
    """Why a player may not delete `character` themselves, or None when they may: the one rule
    the website's delete page and the in-game `chardelete` both ask."""
    if not character_holds_progression(character):
        return None
    return (
        f"{character.key} cannot be deleted: it holds progression (purchases or XP and "
        "development history). Ask staff if it must go."
    )


def with_character_xp(characters):
    """`characters` (an ObjectDB queryset) annotated with the XP available in each one's own
    pools, `locked_xp` and `transferable_xp` (0 without a pool), in the same single query."""

    def available(transferable: bool):
        pool = CharacterXP.objects.filter(character=OuterRef("pk"), transferable=transferable)
        left = pool.annotate(left=F("total_earned") - F("total_spent")).values("left")[:1]
        return Coalesce(Subquery(left), 0)

    return characters.annotate(locked_xp=available(False), transferable_xp=available(True))


class CharacterPools(NamedTuple):
    """A character with the XP available in its own pools (`with_character_xp`)."""

    character: object
    locked_xp: int
    transferable_xp: int


# The pools stand beside each character, never set on it: Evennia keeps one instance of a
# character for the whole process, shared by every thread serving a request (see
# `Statement.instances`).
_POOLS_BY_ID = Statement(
    lambda *, ids: with_character_xp(ObjectDB.objects.filter(pk__in=ids)).order_by("pk")
)
_POOLS_OF_OWNERS = Statement(
    lambda *, account_ids: with_character_xp(
        ObjectDB.objects.filter(pk__in=owned_character_ids_query(account_ids))
    ).order_by("db_key", "pk")
)


def _pools(found) -> list[CharacterPools]:
    return [CharacterPools(character, *pools) for character, pools in found]


def characters_with_xp(character_ids) -> list[CharacterPools]:
    """The characters of `character_ids`, oldest first, each with its own pools, in one query."""
    return _pools(_POOLS_BY_ID.instances(ObjectDB, ids=list(character_ids)))


def owned_characters_with_pools(account) -> list[CharacterPools]:
    """The characters `account` owns (see `owner_of`), by name, each with its own pools, in one
    query."""
    return _pools(_POOLS_OF_OWNERS.instances(ObjectDB, account_ids=[account.pk]))


def trait_named(name: str):
    """The trait called `name` (case-insensitive), or None."""
    return Trait.objects.filter(name__iexact=name.strip()).first() if name.strip() else None


def character_class_named(name: str):
    """The character class called `name` (case-insensitive), or None."""
    name = name.strip()
    return CharacterClass.objects.filter(name__iexact=name).first() if name else None


def character_xp_pools(character) -> dict[str, int]:
    """XP available in the character's own pools: {"locked": n, "transferable": n}."""
    row = with_character_xp(ObjectDB.objects.filter(pk=character.pk)).values(
        "locked_xp", "transferable_xp"
    )
    pools = row.first() or {"locked_xp": 0, "transferable_xp": 0}
    return {"locked": pools["locked_xp"], "transferable": pools["transferable_xp"]}


def unlock_named(name: str, number, *, for_character):
    """The ClassLevelUnlock or TraitRatingUnlock a player means by `name number` for
    `for_character`, or None.

    For a class `number` is the level; for a trait it is the rating as players see it (2 or 2.0
    means the internal threshold 20). A class wins when a class and a trait share a name. A
    hidden class the character has no level in is not there (`rules.unlocks.hidden_from`), so
    every face answers it as a class that does not exist.
    """

    name = name.strip()
    character_class = CharacterClass.objects.filter(name__iexact=name).first()
    if character_class is not None and character_class.is_hidden:
        held = CharacterClassLevel.objects.filter(
            character_id=for_character.pk, character_class=character_class
        ).values_list("character_class_id", flat=True)
        if hidden_from(class_hidden=True, class_id=character_class.pk, class_levels=set(held)):
            character_class = None
    if character_class is not None:
        if number != int(number):
            return None
        return (
            ClassLevelUnlock.objects.select_related("character_class")
            .filter(character_class=character_class, target_level=int(number))
            .first()
        )
    trait = Trait.objects.filter(name__iexact=name).first()
    if trait is None or number * 10 != int(number * 10):
        return None
    return (
        TraitRatingUnlock.objects.select_related("trait")
        .filter(trait=trait, target_rating=int(number * 10))
        .first()
    )


def active_unlock_record(character, unlock):
    """The character's unrefunded CharacterUnlock for `unlock`, or None."""
    records = CharacterUnlock.objects.filter(character_id=character.pk, refunded_date__isnull=True)
    if hasattr(unlock, "target_level"):
        records = records.filter(
            character_class_id=unlock.character_class_id, target_level=unlock.target_level
        )
    else:
        records = records.filter(trait_id=unlock.trait_id, target_rating=unlock.target_rating)
    return records.first()


@dataclass(frozen=True)
class DevelopmentRow:
    """One trait's development for a character; `released_by` names the unlock that frees the
    banked points (None when nothing is banked)."""

    trait: object
    value: int
    earned: int
    banked: int
    released_by: object = None
    release_cost: int = 0


def development_overview(character) -> list[DevelopmentRow]:
    """Every trait the character has a value or development points in, by trait name, read in
    a fixed number of queries."""
    return development_overviews([character])[character.pk]


# Compiled once per number of characters (`models.statements.Statement`): every sheet reads it.
_DEVELOPMENT_POINTS = Statement(
    lambda *, characters: DevelopmentPoints.objects.filter(character_id__in=characters).values_list(
        "character_id", "trait_id", "total_earned", "banked_points"
    )
)


def development_overviews(
    characters,
    *,
    snapshots: dict[int, CharacterSnapshot] | None = None,
    catalogue: Catalogue | None = None,
) -> dict[int, list[DevelopmentRow]]:
    """`development_overview` for several characters, in the same fixed number of queries
    whatever their number and their traits'. Trait values and bought thresholds come from the
    characters' `snapshots`, the thresholds that release banked points and their prices from
    the `catalogue`: each read here unless the caller read it already (the sheet does)."""
    if snapshots is None:
        snapshots = character_snapshots(characters)
    ids = [character.pk for character in characters]
    values = {
        (character_id, trait_id): value
        for character_id in ids
        for trait_id, value in snapshots[character_id].trait_values.items()
    }
    points = {
        (character_id, trait_id): (earned, banked)
        for character_id, trait_id, earned, banked in _DEVELOPMENT_POINTS.rows(
            characters=sorted(ids)
        )
    }
    pairs = {*values, *points}
    traits = Trait.objects.in_bulk({trait_id for _, trait_id in pairs})
    banked_traits = {trait_id for (_, trait_id), (_, held) in points.items() if held}
    # Each banked trait's thresholds, lowest first (the catalogue lists a trait's by rating).
    thresholds: dict[int, list] = {}
    if banked_traits:
        for offer in (catalogue or unlock_catalogue()).offers:
            if offer.kind == TRAIT_RATING and offer.subject in banked_traits:
                thresholds.setdefault(offer.subject, []).append(offer)
    overviews: dict[int, list[DevelopmentRow]] = {pk: [] for pk in ids}
    for character_id, trait_id in sorted(pairs, key=lambda pair: traits[pair[1]].name):
        earned, held = points.get((character_id, trait_id), (0, 0))
        value = values.get((character_id, trait_id), 0)
        bought = snapshots[character_id].bought_trait_ratings
        # The lowest threshold above the value not bought yet frees what is banked.
        releaser = None
        if held:
            releaser = next(
                (
                    offer
                    for offer in thresholds.get(trait_id, ())
                    if offer.target > value and (trait_id, offer.target) not in bought
                ),
                None,
            )
        overviews[character_id].append(
            DevelopmentRow(
                trait=traits[trait_id],
                value=value,
                earned=earned,
                banked=held,
                released_by=releaser.unlock if releaser else None,
                release_cost=(releaser.price or 0) if releaser else 0,
            )
        )
    return overviews


def kudos_claim_category_named(name: str):
    """The claim category a player means by its name or display name, active or not."""

    name = name.strip()
    return KudosClaimCategory.objects.filter(
        Q(name__iexact=name) | Q(display_name__iexact=name)
    ).first()


def kudos_source_category_named(name: str):
    """The award (source) category staff mean by its name or display name, or by the start of
    one when only one category starts so ('staff' for Staff pick), active or not."""

    name = name.strip()
    if not name:
        return None
    categories = KudosSourceCategory.objects
    exact = categories.filter(Q(name__iexact=name) | Q(display_name__iexact=name)).first()
    if exact is not None:
        return exact
    started = list(
        categories.filter(Q(name__istartswith=name) | Q(display_name__istartswith=name))[:2]
    )
    return started[0] if len(started) == 1 else None


def active_kudos_categories() -> tuple[list, list]:
    """(claim categories, source categories) that are active, by display name."""

    return (
        list(KudosClaimCategory.objects.filter(is_active=True).order_by("display_name")),
        list(KudosSourceCategory.objects.filter(is_active=True).order_by("display_name")),
    )
