"""Spending XP on unlocks: the shop, the purchase, and refunds.

A purchase is one transaction: the character's row is locked first (so two purchases for one
character queue instead of racing), then every check runs, then XP is taken from the character's
locked pool, its transferable pool and finally the owning account, and the unlock is recorded and
applied. Each part taken is its own XP_PURCHASE ledger row keyed `unlock:<id>:<pool>`, which is
how a refund knows where to put the XP back.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from evennia.objects.models import ObjectDB

from world.classes.models import MAX_CLASS_LEVEL, CharacterClass, CharacterClassLevel
from world.traits.models import CharacterTraitValue

from ..exceptions import (
    AlreadyUnlockedError,
    InsufficientXPError,
    InvalidUnlockError,
    NoOwningAccountError,
    ProgressionError,
    RequirementsNotMetError,
)
from ..models import (
    REQUIREMENT_MODELS,
    CharacterUnlock,
    CharacterXP,
    CharacterXPTransaction,
    ClassLevelUnlock,
    DevelopmentPoints,
    ExperiencePointsData,
    MultiClassRequirement,
    TraitRatingUnlock,
    XPTransaction,
)
from ..selectors import CharacterSnapshot, character_snapshot, owner_of
from ..selectors.costs import CostTable
from ..types import ProgressionReason
from .development import release_banked_development_points
from .xp import post_account_xp, post_character_xp

LOCKED, TRANSFERABLE, ACCOUNT = "locked", "transferable", "account"


# The one ownership rule lives in selectors; services keep the older name for callers.
owning_account = owner_of


def describe_unlock(unlock) -> str:
    if isinstance(unlock, ClassLevelUnlock):
        return f"{unlock.character_class.name} level {unlock.target_level}"
    return f"{unlock.trait.name} {unlock.target_rating / 10:.1f}"


def unlock_kind(unlock) -> str:
    return "class_level" if isinstance(unlock, ClassLevelUnlock) else "trait_rating"


def requirements_of(unlocks) -> dict[int, list]:
    """{class-level unlock id: [active requirements]} for many unlocks in one query per type."""
    ids = [u.pk for u in unlocks if isinstance(u, ClassLevelUnlock)]
    found: dict[int, list] = {pk: [] for pk in ids}
    if not ids:
        return found
    for model in REQUIREMENT_MODELS:
        queryset = model.objects.filter(class_level_unlock_id__in=ids, is_active=True)
        related = [f.name for f in model._meta.concrete_fields if f.is_relation]
        related = [name for name in related if name != "class_level_unlock"]
        if related:
            queryset = queryset.select_related(*related)
        if model is MultiClassRequirement:
            queryset = queryset.prefetch_related("class_levels__character_class")
        for requirement in queryset.order_by("pk"):
            found[requirement.class_level_unlock_id].append(requirement)
    return found


def _failed(requirements, snapshot: CharacterSnapshot) -> list[str]:
    failed = []
    for requirement in requirements:
        met, message = requirement.is_met_by_character(snapshot.character, snapshot=snapshot)
        if not met:
            failed.append(message)
    return failed


def _snapshot_for(character, requirements) -> CharacterSnapshot:
    targets = [t for r in requirements for t in r.relationship_targets()]
    return character_snapshot(character, relationship_targets=targets)


def check_requirements_for_unlock(character, unlock) -> tuple[bool, list[str]]:
    """(all_met, failed_messages) for one unlock; inactive requirements are ignored."""
    requirements = (
        requirements_of([unlock]).get(unlock.pk, [])
        if unlock_kind(unlock) == ("class_level")
        else []
    )
    failed = _failed(requirements, _snapshot_for(character, requirements))
    return not failed, failed


def _step_problem(unlock, snapshot: CharacterSnapshot, defined_ratings: list[int]) -> str | None:
    """Why `unlock` is not this character's next step, or None when it is."""
    if isinstance(unlock, ClassLevelUnlock):
        current = snapshot.class_levels.get(unlock.character_class_id, 0)
        if unlock.target_level <= current:
            return f"You already have {describe_unlock(unlock)}."
        if unlock.target_level != current + 1:
            return (
                f"{describe_unlock(unlock)} needs level {unlock.target_level - 1} first "
                f"(you have level {current})."
            )
        return None
    # A threshold the trait has already reached without buying it (a value set at character
    # creation or by staff) is passed: it neither needs nor blocks a purchase.
    current = snapshot.trait_values.get(unlock.trait_id, 0)
    if current >= unlock.target_rating:
        return (
            f"{snapshot.character.key}'s {unlock.trait.name} is already {current / 10:.1f}: "
            f"there is nothing to unlock at {unlock.target_rating / 10:.1f}."
        )
    earlier = [
        rating
        for rating in defined_ratings
        if current < rating < unlock.target_rating
        and (unlock.trait_id, rating) not in snapshot.bought_trait_ratings
    ]
    if earlier:
        return f"Unlock {unlock.trait.name} {earlier[0] / 10:.1f} first."
    return None


def _defined_ratings(unlock) -> list[int]:
    """The ratings of the trait that have an unlock (none to look up for a class level)."""
    if isinstance(unlock, ClassLevelUnlock):
        return []
    return sorted(
        TraitRatingUnlock.objects.filter(trait_id=unlock.trait_id).values_list(
            "target_rating", flat=True
        )
    )


def why_not_next(character, unlock) -> str | None:
    """Why `unlock` is not the character's next step (already past it, an earlier level or
    rating first), or None when it is."""
    return _step_problem(unlock, character_snapshot(character), _defined_ratings(unlock))


def _is_bought(unlock, snapshot: CharacterSnapshot) -> bool:
    if isinstance(unlock, ClassLevelUnlock):
        return (unlock.character_class_id, unlock.target_level) in snapshot.bought_class_levels
    return (unlock.trait_id, unlock.target_rating) in snapshot.bought_trait_ratings


def _pools(character, account, *, lock: bool) -> dict[str, int]:
    """Available XP per pool: the character's locked and transferable pools, then the account."""
    pools = CharacterXP.objects.filter(character_id=character.pk)
    if lock:
        pools = pools.select_for_update(no_key=True)
    available = {LOCKED: 0, TRANSFERABLE: 0, ACCOUNT: 0}
    for pool in pools:
        available[TRANSFERABLE if pool.transferable else LOCKED] = pool.current_available
    if account is not None:
        balance = ExperiencePointsData.objects.filter(account_id=account.pk)
        if lock:
            balance = balance.select_for_update(no_key=True)
        row = balance.first()
        available[ACCOUNT] = row.current_available if row else 0
    return available


def purchase_unlock(character, unlock_target, *, gm=None, idempotency_key: str | None = None):
    """Buy `unlock_target` (a ClassLevelUnlock or TraitRatingUnlock) for `character`.

    Returns the CharacterUnlock. Raises AlreadyUnlockedError, RequirementsNotMetError,
    InvalidUnlockError (not the next step), InsufficientXPError or NoOwningAccountError, and
    then nothing has changed.
    """
    if idempotency_key:
        earlier = CharacterUnlock.objects.filter(idempotency_key=idempotency_key).first()
        if earlier is not None and earlier.character_id == character.pk:
            return earlier
    try:
        with transaction.atomic():
            return _purchase(character, unlock_target, gm, idempotency_key)
    except IntegrityError as error:
        # Only a concurrent purchase of the same unlock (or key) gets here on databases without
        # row locks; the partial unique constraints refused the second one.
        if idempotency_key:
            earlier = CharacterUnlock.objects.filter(idempotency_key=idempotency_key).first()
            if earlier is not None:
                return earlier
        raise AlreadyUnlockedError(
            f"Already unlocked: {describe_unlock(unlock_target)}."
        ) from error


def _purchase(character, unlock, gm, idempotency_key):
    # Lock the character first: purchases for one character run one after another. Every lock
    # in the progression services is FOR NO KEY UPDATE: it serialises writers just the same but
    # does not block the foreign-key checks of other transactions inserting rows that point at
    # the character (a plain FOR UPDATE deadlocked against those under the soak test).
    ObjectDB.objects.select_for_update(no_key=True).filter(pk=character.pk).values_list(
        "pk"
    ).first()
    is_class = isinstance(unlock, ClassLevelUnlock)
    requirements = requirements_of([unlock]).get(unlock.pk, []) if is_class else []
    snapshot = _snapshot_for(character, requirements)
    label = describe_unlock(unlock)
    if _is_bought(unlock, snapshot):
        raise AlreadyUnlockedError(f"Already unlocked: {label}.")
    failed = _failed(requirements, snapshot)
    if failed:
        raise RequirementsNotMetError(failed=failed)
    problem = _step_problem(unlock, snapshot, _defined_ratings(unlock))
    if problem:
        raise InvalidUnlockError(problem)

    costs = CostTable(
        class_ids=[unlock.character_class_id] if is_class else [],
        trait_ids=[] if is_class else [unlock.trait_id],
    )
    cost = costs.for_unlock(unlock)
    account = owning_account(character)
    available = _pools(character, account, lock=True)
    total = sum(available.values())
    if total < cost:
        if account is None and cost > available[LOCKED] + available[TRANSFERABLE]:
            raise NoOwningAccountError(
                f"{character.key} has no owning account to draw the rest of {cost} XP from."
            )
        raise InsufficientXPError(need=cost, have=total)

    record = CharacterUnlock.objects.create(
        character_id=character.pk,
        character_class_id=unlock.character_class_id if is_class else None,
        target_level=unlock.target_level if is_class else None,
        trait_id=None if is_class else unlock.trait_id,
        target_rating=None if is_class else unlock.target_rating,
        xp_spent=cost,
        gm=gm,
        idempotency_key=idempotency_key,
    )
    remaining = cost
    description = f"Unlocked {label}"
    for pool in (LOCKED, TRANSFERABLE, ACCOUNT):
        part = min(remaining, available[pool])
        if part <= 0:
            continue
        key = f"unlock:{record.pk}:{pool}"
        if pool == ACCOUNT:
            post_account_xp(
                account,
                -part,
                reason=ProgressionReason.XP_PURCHASE,
                description=description,
                character=character,
                gm=gm,
                idempotency_key=key,
            )
        else:
            post_character_xp(
                character,
                -part,
                transferable=pool == TRANSFERABLE,
                reason=ProgressionReason.XP_PURCHASE,
                description=description,
                gm=gm,
                idempotency_key=key,
            )
        remaining -= part

    if is_class:
        CharacterClassLevel.objects.update_or_create(
            character_id=character.pk,
            character_class_id=unlock.character_class_id,
            defaults={"level": unlock.target_level},
            create_defaults={"level": unlock.target_level, "is_primary": not snapshot.class_levels},
        )
    else:
        release_banked_development_points(character, unlock.trait)
    return record


def spend_xp_on_unlock(
    character, unlock_target, gm=None, *, idempotency_key: str | None = None
) -> tuple[bool, str, CharacterUnlock | None]:
    """(success, message, unlock_record): the specification's form of `purchase_unlock`."""
    try:
        record = purchase_unlock(character, unlock_target, gm=gm, idempotency_key=idempotency_key)
    except ProgressionError as error:
        return False, str(error), None
    return True, f"Unlocked {describe_unlock(unlock_target)} for {record.xp_spent} XP.", record


def refund_unlock(character_unlock: CharacterUnlock, gm, reason: str = "") -> CharacterUnlock:
    """Undo a purchase: the XP goes back to the pools it came from as REFUND rows, the level
    (or rating) drops back, and the unlock is marked refunded. Nothing is deleted."""
    with transaction.atomic():
        record = CharacterUnlock.objects.select_for_update(no_key=True).get(pk=character_unlock.pk)
        if record.refunded_date is not None:
            raise InvalidUnlockError(f"{record} was already refunded.")
        character = record.character
        if record.character_class_id is not None:
            later = CharacterUnlock.objects.filter(
                character_id=record.character_id,
                character_class_id=record.character_class_id,
                target_level__gt=record.target_level,
                refunded_date__isnull=True,
            ).exists()
            if later:
                raise InvalidUnlockError("Refund the higher levels of that class first.")
        description = f"Refund: {record}" + (f" ({reason})" if reason else "")
        prefix = f"unlock:{record.pk}:"
        parts = [
            *CharacterXPTransaction.objects.filter(idempotency_key__startswith=prefix),
            *XPTransaction.objects.filter(idempotency_key__startswith=prefix),
        ]
        for part in parts:
            pool = part.idempotency_key.rsplit(":", 1)[1]
            key = f"refund:{record.pk}:{pool}"
            if pool == ACCOUNT:
                post_account_xp(
                    part.account,
                    -part.amount,
                    reason=ProgressionReason.REFUND,
                    description=description,
                    character=character,
                    gm=gm,
                    idempotency_key=key,
                )
            else:
                post_character_xp(
                    character,
                    -part.amount,
                    transferable=pool == TRANSFERABLE,
                    reason=ProgressionReason.REFUND,
                    description=description,
                    gm=gm,
                    idempotency_key=key,
                )
        record.refunded_date = timezone.now()
        record.refunded_by = gm
        record.save(update_fields=["refunded_date", "refunded_by"])
        if record.character_class_id is not None:
            _drop_class_level(record)
        else:
            _drop_trait_rating(record)
        return record


def _drop_class_level(record: CharacterUnlock) -> None:
    level = CharacterClassLevel.objects.filter(
        character_id=record.character_id, character_class_id=record.character_class_id
    )
    if record.target_level <= 1:
        level.delete()
    else:
        level.update(level=record.target_level - 1)


def _drop_trait_rating(record: CharacterUnlock) -> None:
    """The trait falls back below the refunded threshold; what it loses is banked, not lost."""
    value = (
        CharacterTraitValue.objects.select_for_update(no_key=True)
        .filter(character_id=record.character_id, trait_id=record.trait_id)
        .first()
    )
    ceiling = record.target_rating - 1
    if value is None or value.value <= ceiling:
        return
    excess = value.value - ceiling
    value.value = ceiling
    value.save(update_fields=["value"])
    # Development points that had carried it past the threshold go back to the bank (values
    # that never came from development points, such as creation, are not points to bank).
    points = DevelopmentPoints.objects.filter(
        character_id=record.character_id, trait_id=record.trait_id
    ).first()
    if points is not None:
        points.banked_points = min(points.banked_points + excess, points.total_earned)
        points.save(update_fields=["banked_points"])


def get_available_unlocks_for_character(character) -> dict[str, list[dict]]:
    """The character's shop: {"available", "locked", "already_unlocked"}.

    Lists the next level of every class the character has or could start and the next rating
    threshold of every trait with rating unlocks, plus what is already bought. The number of
    queries does not depend on how many unlocks or requirements exist.
    """
    class_unlocks = list(
        ClassLevelUnlock.objects.select_related("character_class").order_by(
            "character_class__name", "target_level"
        )
    )
    trait_unlocks = list(
        TraitRatingUnlock.objects.select_related("trait").order_by("trait__name", "target_rating")
    )
    requirements = requirements_of(class_unlocks)
    snapshot = _snapshot_for(character, [r for rs in requirements.values() for r in rs])
    hidden = set(CharacterClass.objects.filter(is_hidden=True).values_list("pk", flat=True)) - set(
        snapshot.class_levels
    )
    costs = CostTable(
        class_ids={u.character_class_id for u in class_unlocks},
        trait_ids={u.trait_id for u in trait_unlocks},
    )
    available_xp = sum(_pools(character, owning_account(character), lock=False).values())

    result: dict[str, list[dict]] = {"available": [], "locked": [], "already_unlocked": []}
    defined_ratings: dict[int, list[int]] = {}
    for unlock in trait_unlocks:
        defined_ratings.setdefault(unlock.trait_id, []).append(unlock.target_rating)

    for unlock in [*class_unlocks, *trait_unlocks]:
        entry = {
            "unlock": unlock,
            "type": unlock_kind(unlock),
            "name": describe_unlock(unlock),
            "xp_cost": costs.for_unlock(unlock),
        }
        if _is_bought(unlock, snapshot):
            result["already_unlocked"].append(entry)
            continue
        if isinstance(unlock, ClassLevelUnlock):
            current = snapshot.class_levels.get(unlock.character_class_id, 0)
            if unlock.character_class_id in hidden or unlock.target_level != current + 1:
                continue
            if unlock.target_level > MAX_CLASS_LEVEL:
                continue
        elif _step_problem(unlock, snapshot, defined_ratings[unlock.trait_id]):
            continue
        # Requirements belong to class-level unlocks only; a trait unlock sharing an id with
        # one must not inherit them.
        own = requirements.get(unlock.pk, []) if isinstance(unlock, ClassLevelUnlock) else []
        failed = _failed(own, snapshot)
        entry["requirements_met"] = not failed
        entry["failed_requirements"] = failed
        entry["affordable"] = available_xp >= entry["xp_cost"]
        result["available" if not failed else "locked"].append(entry)
    return result


def calculate_level_up_requirements(character, character_class, target_level: int) -> dict:
    """What buying `character_class` level `target_level` needs: cost, current level, failed
    requirements and whether it can be bought now; or {"error": ...} when there is no such
    unlock."""
    unlock = (
        ClassLevelUnlock.objects.select_related("character_class")
        .filter(character_class=character_class, target_level=target_level)
        .first()
    )
    if unlock is None:
        return {"error": f"{character_class} has no level {target_level} to unlock."}
    requirements = requirements_of([unlock]).get(unlock.pk, [])
    snapshot = _snapshot_for(character, requirements)
    failed = _failed(requirements, snapshot)
    problem = _step_problem(unlock, snapshot, [])
    cost = CostTable(class_ids=[unlock.character_class_id]).for_unlock(unlock)
    available_xp = sum(_pools(character, owning_account(character), lock=False).values())
    return {
        "unlock": unlock,
        "type": "class_level",
        "xp_cost": cost,
        "current_level": snapshot.class_levels.get(unlock.character_class_id, 0),
        "already_unlocked": _is_bought(unlock, snapshot),
        "requirements_met": not failed,
        "failed_requirements": failed,
        "step_problem": problem,
        "available_xp": available_xp,
        "can_purchase": not failed
        and problem is None
        and available_xp >= cost
        and not _is_bought(unlock, snapshot),
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
