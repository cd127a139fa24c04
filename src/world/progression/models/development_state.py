"""What an action on development points reads before it writes, and how it takes the lock
first; `development.read_development_state` reads it in one statement."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.db.models import Value

from world.mechanics.services import modifiers_by_character

from ..rules.ratings import trait_cap

Pair = tuple[int, int]  # (character_id, trait_id)


@dataclass(frozen=True)
class DevelopmentState:
    """What an action on development points must know before it writes, read in one statement
    (`read_development_state`)."""

    modifiers: dict[int, dict[str, int]]  # character_id -> development-rate modifier totals
    values: dict[Pair, int]  # current trait values (a missing pair is 0)
    points: dict[Pair, tuple[int, int]]  # (total_earned, banked_points) of existing rows
    defined: dict[int, set[int]]  # trait_id -> thresholds with a TraitRatingUnlock
    bought: dict[Pair, set[int]]  # thresholds the character holds (not refunded)
    earlier: dict[str, int]  # idempotency key already used -> its transaction's id

    def locked(self, pair: Pair) -> set[int]:
        """Thresholds of the pair's trait still locked for its character: an unlock exists for
        them and the character has not bought it."""
        return self.defined.get(pair[1], set()) - self.bought.get(pair, set())

    def cap(self, pair: Pair, value: int) -> int:
        """How high the pair's trait, now at `value`, may rise before a locked threshold."""
        return trait_cap(value, self.locked(pair))

    @classmethod
    def from_rows(cls, rows: Iterable[tuple]) -> DevelopmentState:
        """The state from rows shaped by `tagged_rows`: (kind, character_id, trait_id, label,
        number, extra), kind v(alue), p(oints), d(efined threshold), b(ought threshold),
        k(ey used) or m(odifier)."""
        kinds: dict[str, list[tuple]] = {kind: [] for kind in "vpdbkm"}
        for kind, *row in rows:
            kinds[kind].append(row)
        defined: dict[int, set[int]] = {}
        for _, trait_id, _, rating, _ in kinds["d"]:
            defined.setdefault(trait_id, set()).add(rating)
        bought: dict[Pair, set[int]] = {}
        for character_id, trait_id, _, rating, _ in kinds["b"]:
            bought.setdefault((character_id, trait_id), set()).add(rating)
        return cls(
            modifiers=modifiers_by_character((c, name, n) for c, _, name, n, _ in kinds["m"]),
            values={(c, t): value for c, t, _, value, _ in kinds["v"]},
            points={(c, t): (earned, banked) for c, t, _, earned, banked in kinds["p"]},
            defined=defined,
            bought=bought,
            earlier={key: pk for _, _, key, pk, _ in kinds["k"]},
        )


def tagged_rows(
    queryset, kind, *, character="character_id", trait="trait_id", label=None, number, extra=None
):
    """`queryset` as rows (kind, character_id, trait_id, label, number, extra), the one shape
    every part of the state's UNION shares."""
    integer, text = models.IntegerField(), models.CharField()
    return queryset.order_by().values_list(
        Value(kind, output_field=text),
        character or Value(None, output_field=integer),
        trait or Value(None, output_field=integer),
        label or Value(None, output_field=text),
        number,
        extra or Value(None, output_field=integer),
    )
