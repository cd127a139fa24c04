"""What an unlock costs: the class's or trait's active chart, scaled by its cost modifier.

`CostTable` reads every chart a shop needs in two queries; the single-unlock functions serve the
model methods the specification names.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..models import ClassXPCost, TraitXPCost, XPCostEntry
from ..models.unlocks import apply_cost_modifier
from ..rules.unlocks import is_class_level


class CostTable:
    """Costs of class levels and trait ratings for many classes and traits, read once."""

    def __init__(self, class_ids: Iterable[int] = (), trait_ids: Iterable[int] = ()):
        class_links = ClassXPCost.objects.filter(
            character_class_id__in=list(class_ids), cost_chart__is_active=True
        ).values_list("character_class_id", "cost_chart_id", "cost_modifier")
        trait_links = TraitXPCost.objects.filter(
            trait_id__in=list(trait_ids), cost_chart__is_active=True
        ).values_list("trait_id", "cost_chart_id", "cost_modifier")
        self._class_links = {c: (chart, modifier) for c, chart, modifier in class_links}
        self._trait_links = {t: (chart, modifier) for t, chart, modifier in trait_links}
        charts = {chart for chart, _ in [*self._class_links.values(), *self._trait_links.values()]}
        self._entries = (
            {
                (chart, level): cost
                for chart, level, cost in XPCostEntry.objects.filter(
                    chart_id__in=charts
                ).values_list("chart_id", "level", "xp_cost")
            }
            if charts
            else {}
        )

    def _price(self, link, level: int) -> int | None:
        if link is None:
            return None
        chart, modifier = link
        base = self._entries.get((chart, level))
        return None if base is None else apply_cost_modifier(base, modifier)

    def price(self, unlock) -> int | None:
        """What `unlock` costs, or None when it has no price: its class or trait has no active
        chart, or the chart has no entry for that level or rating (then it is not for sale)."""
        if is_class_level(unlock):
            link = self._class_links.get(unlock.character_class_id)
            return self._price(link, unlock.target_level)
        return self._price(self._trait_links.get(unlock.trait_id), unlock.target_rating)

    def for_unlock(self, unlock) -> int:
        """The price, 0 when there is none (the specification's cost lookups answer a number)."""
        return self.price(unlock) or 0


def class_level_cost(unlock) -> int:
    """XP cost of one ClassLevelUnlock (0 when its class has no active chart)."""
    return CostTable(class_ids=[unlock.character_class_id]).for_unlock(unlock)


def trait_rating_cost(unlock) -> int:
    """XP cost of one TraitRatingUnlock (0 when its trait has no active chart)."""
    return CostTable(trait_ids=[unlock.trait_id]).for_unlock(unlock)
