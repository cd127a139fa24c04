"""Character creation: unspent creation points become locked XP on the character, once."""

from __future__ import annotations

from django.db import IntegrityError
from evennia.objects.models import ObjectDB

from ..exceptions import AlreadyConvertedError, InvalidAmountError
from ..models import CharacterXPTransaction
from ..types import ProgressionReason
from .xp import post_character_xp


def award_cg_conversion_xp(
    character: ObjectDB, remaining_cg_points: int = 10, conversion_rate: int = 2
) -> CharacterXPTransaction | None:
    """Give `remaining_cg_points * conversion_rate` locked (non-transferable) XP.

    Nothing happens for zero or negative remaining points (returns None). A second conversion for
    the same character raises AlreadyConvertedError; the database refuses it too.
    """
    for name, value in (("remaining_cg_points", remaining_cg_points), ("rate", conversion_rate)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidAmountError(f"{name} must be a whole number, not {value!r}.")
    if conversion_rate <= 0:
        raise InvalidAmountError("The conversion rate must be positive.")
    if remaining_cg_points <= 0:
        return None
    if CharacterXPTransaction.objects.filter(
        character_id=character.pk, reason=ProgressionReason.CG_CONVERSION
    ).exists():
        raise AlreadyConvertedError()
    try:
        return post_character_xp(
            character,
            remaining_cg_points * conversion_rate,
            transferable=False,
            reason=ProgressionReason.CG_CONVERSION,
            description=(
                f"{remaining_cg_points} unspent creation points at {conversion_rate} XP each"
            ),
        ).transaction
    except IntegrityError as error:
        # A concurrent conversion won the race; the partial unique constraint refused this one.
        raise AlreadyConvertedError() from error
