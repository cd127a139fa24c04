"""The one price rule: a cost chart's entry scaled by its class's or trait's modifier."""

from __future__ import annotations


def apply_cost_modifier(base_cost: int, cost_modifier: int) -> int:
    """`cost_modifier` is a percentage: 100 normal, 150 half again, 80 a fifth off; rounds down."""
    return base_cost * cost_modifier // 100


__all__ = ["apply_cost_modifier"]
