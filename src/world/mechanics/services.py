"""Reading the modifiers a character's distinctions grant."""

from collections.abc import Iterable

from django.db.models import Sum

from .models import DistinctionEffect


def get_modifier_for_character(character, category_name: str, modifier_name: str) -> int:
    """Sum of the effects of the character's distinctions on one modifier type (0 when none)."""
    total = DistinctionEffect.objects.filter(
        modifier_type__category__name=category_name,
        modifier_type__name=modifier_name,
        distinction__character_distinctions__character=character,
    ).aggregate(total=Sum("value"))["total"]
    return total or 0


def get_modifiers_for_characters(
    character_ids: Iterable[int], category_name: str, modifier_names: Iterable[str]
) -> dict[int, dict[str, int]]:
    """The same sums for many characters and modifier types in one query.

    Returns {character_id: {modifier_name: total}} with only non-zero entries present.
    """
    rows = (
        DistinctionEffect.objects.filter(
            modifier_type__category__name=category_name,
            modifier_type__name__in=list(modifier_names),
            distinction__character_distinctions__character_id__in=list(character_ids),
        )
        .values_list("distinction__character_distinctions__character_id", "modifier_type__name")
        .annotate(total=Sum("value"))
    )
    result: dict[int, dict[str, int]] = {}
    for character_id, name, total in rows:
        if total:
            result.setdefault(character_id, {})[name] = total
    return result
