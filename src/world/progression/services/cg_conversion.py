"""Character creation: unspent creation points become locked XP on the character, once."""

from __future__ import annotations

from django.db import IntegrityError
from evennia.objects.models import ObjectDB

from ..conf import progression_settings
from ..exceptions import AlreadyConvertedError, InvalidAmountError
from ..models import CharacterXPTransaction
from ..rules.amounts import require_amount
from ..types import ProgressionReason
from .xp import post_character_xp


def award_cg_conversion_xp(
    character: ObjectDB, remaining_cg_points: int = 10, conversion_rate: int = 2
) -> CharacterXPTransaction | None:
    """Give `remaining_cg_points * conversion_rate` locked (non-transferable) XP.

    Nothing happens for zero or negative remaining points (returns None). The XP is an award like
    any other: the points, the rate and their product are each at most PROGRESSION_MAX_XP_AWARD
    (InvalidAmountError). A second conversion for the same character raises
    AlreadyConvertedError; the database refuses it too.
    """
    for name, value in (("remaining_cg_points", remaining_cg_points), ("rate", conversion_rate)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidAmountError(f"{name} must be a whole number, not {value!r}.")
    maximum = progression_settings.MAX_XP_AWARD
    require_amount(conversion_rate, maximum=maximum, what="The conversion rate")
    if remaining_cg_points <= 0:
        return None
    # Each factor is bounded before they are multiplied, so the product is never a huge number.
    require_amount(remaining_cg_points, maximum=maximum, what="Converted creation points")
    xp = require_amount(
        remaining_cg_points * conversion_rate, maximum=maximum, what="XP from creation points"
    )
    if CharacterXPTransaction.objects.filter(
        character_id=character.pk, reason=ProgressionReason.CG_CONVERSION
    ).exists():
        raise AlreadyConvertedError()
    try:
        return post_character_xp(
            character,
            xp,
            transferable=False,
            reason=ProgressionReason.CG_CONVERSION,
            description=(
                f"{remaining_cg_points} unspent creation points at {conversion_rate} XP each"
            ),
        ).transaction
    except IntegrityError as error:
        # A concurrent conversion won the race; the partial unique constraint refused this one.
        raise AlreadyConvertedError() from error
