"""What unlocks cost (the bulk price read lives with the cost models)."""

from ..models.unlocks import CostTable, class_level_cost, trait_rating_cost

__all__ = ["CostTable", "class_level_cost", "trait_rating_cost"]
