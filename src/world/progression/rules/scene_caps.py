"""The weekly caps on development from scenes: how much of a scene's awards still fits in a
character's week. Pure arithmetic, no queries."""

from __future__ import annotations

from collections.abc import Mapping


def capped_scene_awards(
    requested: Mapping[int, int],
    earned: Mapping[int, int],
    *,
    per_trait_cap: int,
    total_cap: int,
) -> dict[int, int]:
    """{trait pk: points} of `requested` that fit beside `earned` (points already earned from
    scenes this week, by trait pk): no trait past `per_trait_cap`, all traits together not past
    `total_cap`. Traits are served in pk order, so the same inputs always give the same result;
    traits left with nothing are left out."""
    room_in_all = max(0, total_cap - sum(earned.values()))
    capped: dict[int, int] = {}
    for trait_pk in sorted(requested):
        room = min(
            max(0, requested[trait_pk]),
            max(0, per_trait_cap - earned.get(trait_pk, 0)),
            room_in_all,
        )
        if room > 0:
            capped[trait_pk] = room
            room_in_all -= room
    return capped


__all__ = ["capped_scene_awards"]
