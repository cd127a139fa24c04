"""The rating scale: trait values 0-100 shown as 0.0-10.0, major thresholds every 10, and tiers."""

from __future__ import annotations

from collections.abc import Iterable

MAX_TRAIT_VALUE = 100
MAJOR_THRESHOLD = 10
# Tier 1 covers class levels 1-5, tier 2 levels 6-10; no class at all is tier 0.
LEVELS_PER_TIER = 5


def rating_text(value: int) -> str:
    """A trait value as players see it: 25 -> "2.5"."""
    return f"{value / 10:.1f}"


def tier_of_level(level: int) -> int:
    return 0 if level <= 0 else (level - 1) // LEVELS_PER_TIER + 1


def is_major_threshold(rating: int) -> bool:
    return rating > 0 and rating % MAJOR_THRESHOLD == 0


def trait_cap(value: int, locked_thresholds: Iterable[int]) -> int:
    """The highest value a trait at `value` may reach before a locked threshold stops it."""
    above = [threshold - 1 for threshold in locked_thresholds if threshold > value]
    return min([MAX_TRAIT_VALUE, *above])


def points_released(banked: int, value: int, locked_thresholds: Iterable[int]) -> int:
    """How many banked points a trait at `value` takes up when its thresholds still locked are
    `locked_thresholds`: as many as fit below the next one (or the top of the scale)."""
    return max(0, min(banked, trait_cap(value, locked_thresholds) - value))


def next_major_rating(value: int) -> int:
    """The major rating (a multiple of 10) a trait at `value` grows toward."""
    return min(MAX_TRAIT_VALUE, (value // MAJOR_THRESHOLD + 1) * MAJOR_THRESHOLD)


__all__ = [
    "LEVELS_PER_TIER",
    "MAJOR_THRESHOLD",
    "MAX_TRAIT_VALUE",
    "is_major_threshold",
    "next_major_rating",
    "points_released",
    "rating_text",
    "tier_of_level",
    "trait_cap",
]
