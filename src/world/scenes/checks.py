"""Trait checks: a roll of Evennia's dice contrib plus the character's trait rating against a
difficulty, recorded as a use of the trait when the room has an open scene.

The formula lives in settings (SCENES_CHECK_*): SCENES_CHECK_DICE dice of
SCENES_CHECK_DIE_SIDES sides, plus the rating (the stored 0-100 value divided by ten, rounded
down), succeed when the total reaches the difficulty (SCENES_CHECK_DEFAULT_DIFFICULTY unless
one is named, at most SCENES_CHECK_MAX_DIFFICULTY).
"""

from __future__ import annotations

from dataclasses import dataclass

from evennia.contrib.rpg.dice import roll

from world.traits.models import CharacterTraitValue, Trait

from .conf import setting
from .exceptions import InvalidCheckError, UnknownTraitError
from .models import Scene
from .services import record_trait_use


@dataclass(frozen=True)
class CheckResult:
    trait: Trait
    rating: int
    difficulty: int
    rolls: tuple[int, ...]
    total: int
    success: bool
    scene: Scene | None


def public_trait_named(name: str) -> Trait:
    """The public trait called `name` (any case), else the one public trait whose name starts
    with it ('sword' for Swordsmanship); UnknownTraitError when none or several do."""
    name = " ".join((name or "").split())
    if not name:
        raise UnknownTraitError("Name a trait to check. Type 'dev' for yours.")
    public = Trait.objects.filter(is_public=True)
    trait = public.filter(name__iexact=name).first()
    if trait is not None:
        return trait
    starting = list(public.filter(name__istartswith=name).order_by("name")[:3])
    if len(starting) == 1:
        return starting[0]
    if starting:
        names = " or ".join(trait.name for trait in starting[:2])
        more = ", or another" if len(starting) > 2 else ""
        raise UnknownTraitError(f"'{name[:40]}' could be {names}{more}: type more of the name.")
    raise UnknownTraitError(f"There is no trait '{name[:40]}'. Type 'dev' for yours.")


def roll_check(*, character, trait: Trait, difficulty: int | None = None, room=None) -> CheckResult:
    """Roll `character`'s `trait` against `difficulty`; in `room`'s open scene, record the use
    (joining the scene if need be). Raises InvalidCheckError for a difficulty out of range."""
    maximum = setting("SCENES_CHECK_MAX_DIFFICULTY")
    if difficulty is None:
        difficulty = setting("SCENES_CHECK_DEFAULT_DIFFICULTY")
    if isinstance(difficulty, bool) or not isinstance(difficulty, int):
        raise InvalidCheckError(f"The difficulty must be a whole number from 1 to {maximum}.")
    if not 1 <= difficulty <= maximum:
        raise InvalidCheckError(f"The difficulty must be a whole number from 1 to {maximum}.")
    value = (
        CharacterTraitValue.objects.filter(character_id=character.pk, trait_id=trait.pk)
        .values_list("value", flat=True)
        .first()
        or 0
    )
    rating = value // 10
    total, success, _diff, rolls = roll(
        setting("SCENES_CHECK_DICE"),
        setting("SCENES_CHECK_DIE_SIDES"),
        modifier=("+", rating),
        conditional=(">=", difficulty),
        return_tuple=True,
    )
    scene = record_trait_use(room=room, character=character, trait=trait)
    return CheckResult(
        trait=trait,
        rating=rating,
        difficulty=difficulty,
        rolls=tuple(rolls),
        total=total,
        success=bool(success),
        scene=scene,
    )
