"""What an action on development points reads before it writes, read in one statement after
the action has taken the characters' lock (`read_development_state`)."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps
from django.db import models
from django.db.models import Value

from world.mechanics.services import modifier_totals, modifiers_by_character
from world.traits.models import CharacterTraitValue

from ..rules.development import DEVELOPMENT_MODIFIER_CATEGORY, RATE_MODIFIER_NAMES
from ..rules.ratings import trait_cap
from .statements import Statement
from .unlocks import CharacterUnlock, TraitRatingUnlock

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


def read_development_state(
    character_ids: Iterable[int],
    trait_ids: Iterable[int],
    *,
    keys: Iterable[str] = (),
    with_modifiers: bool = False,
) -> DevelopmentState:
    """Everything about these characters' development in these traits, in ONE statement: a
    UNION ALL of the trait values, the point rows, the thresholds defined and bought, the
    idempotency keys already used and (if asked) the rate modifiers, each row tagged by kind.

    An action runs it after taking the characters' lock, so what it reads cannot change before
    the action writes (every writer of these rows takes the lock first). The statement is
    compiled once per shape (`statements.Statement`).
    """
    statement = _STATE_WITH_MODIFIERS if with_modifiers else _STATE
    return DevelopmentState.from_rows(
        statement.rows(
            characters=sorted(set(character_ids)),
            traits=sorted(set(trait_ids)),
            keys=sorted(set(keys)),
        )
    )


def _development_state_query(*, characters, traits, keys, with_modifiers: bool):
    # The engine's module imports this one: its models come from Django's registry instead.
    DevelopmentPoints = apps.get_model("progression", "DevelopmentPoints")
    DevelopmentTransaction = apps.get_model("progression", "DevelopmentTransaction")

    mine = {"character_id__in": characters, "trait_id__in": traits}
    parts = [
        tagged_rows(CharacterTraitValue.objects.filter(**mine), "v", number="value"),
        tagged_rows(
            DevelopmentPoints.objects.filter(**mine),
            "p",
            number="total_earned",
            extra="banked_points",
        ),
        tagged_rows(
            TraitRatingUnlock.objects.filter(trait_id__in=traits),
            "d",
            character=None,
            number="target_rating",
        ),
        tagged_rows(
            CharacterUnlock.objects.filter(**mine, refunded_date__isnull=True),
            "b",
            number="target_rating",
        ),
    ]
    if keys:
        parts.append(
            tagged_rows(
                DevelopmentTransaction.objects.filter(idempotency_key__in=keys),
                "k",
                label="idempotency_key",
                number="id",
            )
        )
    if with_modifiers:
        parts.append(
            tagged_rows(
                modifier_totals(characters, DEVELOPMENT_MODIFIER_CATEGORY, RATE_MODIFIER_NAMES),
                "m",
                trait=None,
                label="modifier_name",
                number="total",
            )
        )
    return parts[0].union(*parts[1:], all=True)


_STATE = Statement(functools.partial(_development_state_query, with_modifiers=False))
_STATE_WITH_MODIFIERS = Statement(functools.partial(_development_state_query, with_modifiers=True))
