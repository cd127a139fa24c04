"""Reading the modifiers a character's distinctions grant."""

from collections.abc import Iterable

from django.db.models import F, QuerySet, Sum

from .models import DistinctionEffect


def get_modifier_for_character(character, category_name: str, modifier_name: str) -> int:
    """Sum of the effects of the character's distinctions on one modifier type (0 when none)."""
    total = DistinctionEffect.objects.filter(
        modifier_type__category__name=category_name,
        modifier_type__name=modifier_name,
        distinction__character_distinctions__character=character,
    ).aggregate(total=Sum("value"))["total"]
    return total or 0


def modifier_totals(
    character_ids: Iterable[int], category_name: str, modifier_names: Iterable[str]
) -> QuerySet:
    """The query behind `get_modifiers_for_characters`, unevaluated and unordered, so an action
    can read it in the same statement as its other reads: rows with `character_id`,
    `modifier_name` and `total`, one per character and modifier type its distinctions touch."""
    return (
        DistinctionEffect.objects.filter(
            modifier_type__category__name=category_name,
            modifier_type__name__in=list(modifier_names),
            distinction__character_distinctions__character_id__in=list(character_ids),
        )
        .values(
            character_id=F("distinction__character_distinctions__character_id"),
            modifier_name=F("modifier_type__name"),
        )
        .annotate(total=Sum("value"))
        .order_by()
    )


def get_modifiers_for_characters(
    character_ids: Iterable[int], category_name: str, modifier_names: Iterable[str]
) -> dict[int, dict[str, int]]:
    """The same sums for many characters and modifier types in one query.

    Returns {character_id: {modifier_name: total}} with only non-zero entries present.
    """
    rows = modifier_totals(character_ids, category_name, modifier_names).values_list(
        "character_id", "modifier_name", "total"
    )
    return modifiers_by_character(rows)


def modifiers_by_character(rows: Iterable[tuple[int, str, int]]) -> dict[int, dict[str, int]]:
    """{character_id: {modifier_name: total}} from (character_id, modifier_name, total) rows,
    leaving out totals of zero."""
    result: dict[int, dict[str, int]] = {}
    for character_id, name, total in rows:
        if total:
            result.setdefault(character_id, {})[name] = total
    return result
