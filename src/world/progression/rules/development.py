"""Development-rate arithmetic: how distinctions scale the points a character earns."""

from __future__ import annotations

from world.traits.models import TraitCategory

DEVELOPMENT_MODIFIER_CATEGORY = "development"
ALL_TRAITS_RATE = "all_skill_development_rate"
CATEGORY_RATES = {
    TraitCategory.PHYSICAL: "physical_skill_development_rate",
    TraitCategory.COMBAT: "physical_skill_development_rate",
    TraitCategory.SOCIAL: "social_skill_development_rate",
    TraitCategory.GENERAL: "social_skill_development_rate",
    TraitCategory.MENTAL: "mental_skill_development_rate",
    TraitCategory.CRAFTING: "mental_skill_development_rate",
}
RATE_MODIFIER_NAMES = frozenset({ALL_TRAITS_RATE, *CATEGORY_RATES.values()})


def rate_percentage(modifiers: dict[str, int], trait) -> int:
    """The total development-rate modifier (a percentage) a character has for `trait`."""
    total = modifiers.get(ALL_TRAITS_RATE, 0)
    category_rate = CATEGORY_RATES.get(trait.category)
    if category_rate:
        total += modifiers.get(category_rate, 0)
    return total


def modified_amount(amount: int, percentage: int, *, maximum: int) -> int:
    """floor(amount * (100 + percentage) / 100), never less than one point and never more than
    `maximum`: a modifier is staff data, not a request, so a huge one is held to the largest
    award rather than refusing the award (and with it a whole scene's awards)."""
    return min(maximum, max(1, amount * (100 + percentage) // 100))


def scene_points(uses: int, *, per_use: int, cap: int) -> int:
    """Development points one trait earns from one scene: `per_use` for each recorded use, at
    most `cap` (PROGRESSION_SCENE_POINTS_PER_USE and PROGRESSION_SCENE_CAP_PER_TRAIT)."""
    return min(uses * per_use, cap)


__all__ = [
    "ALL_TRAITS_RATE",
    "CATEGORY_RATES",
    "DEVELOPMENT_MODIFIER_CATEGORY",
    "RATE_MODIFIER_NAMES",
    "modified_amount",
    "rate_percentage",
    "scene_points",
]
