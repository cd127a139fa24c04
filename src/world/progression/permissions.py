"""Who is staff: the game's one rule (world.permissions), named here for the progression app."""

from __future__ import annotations

from world.permissions import is_staff

__all__ = ["is_staff"]
