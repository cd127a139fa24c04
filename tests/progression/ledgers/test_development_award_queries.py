"""One development award costs the statements `make bench` counts, BEGIN and COMMIT included,
with or without an idempotency key.

SQLite (6): BEGIN, the state read, the trait value upsert, the points upsert, the ledger insert,
COMMIT. PostgreSQL (5) takes the character's lock in a statement of its own (a read in the
locking statement would use the snapshot taken before the lock was granted, and miss what the
previous holder of the lock committed), then writes the value, the points and the ledger row in
one statement. Replaying a key writes nothing: the read, the earlier row and the transaction
(and PostgreSQL's lock). These run outside a test transaction, so the award opens its own as it
does in the game.
"""

import pytest
from django.db import connection

from typeclasses.factories import CharacterFactory
from world.mechanics.factories import (
    CharacterDistinctionFactory,
    DistinctionEffectFactory,
    ModifierTypeFactory,
)
from world.progression.factories import TraitRatingUnlockFactory
from world.progression.models import DevelopmentPoints
from world.progression.services import award_development_points
from world.progression.types import DevelopmentSource
from world.traits.factories import TraitFactory
from world.traits.models import CharacterTraitValue

pytestmark = pytest.mark.django_db(transaction=True)

LOCK = 1 if connection.features.has_select_for_update else 0  # SQLite's BEGIN is its lock
WRITES = 1 if connection.vendor == "postgresql" else 3
AWARD_STATEMENTS = 3 + LOCK + WRITES
REPLAY_STATEMENTS = 4 + LOCK


@pytest.fixture
def spoiled_runner(db):
    """A character with a rate modifier, a trait gated at 2.0 and a value already in it (so
    every read the award makes finds something)."""
    character = CharacterFactory()
    effect = DistinctionEffectFactory(
        modifier_type=ModifierTypeFactory(name="physical_skill_development_rate"), value=-20
    )
    CharacterDistinctionFactory(character=character, distinction=effect.distinction)
    running = TraitFactory(name="Running", category="physical")
    TraitRatingUnlockFactory(trait=running, target_rating=20)
    award_development_points(character, running, DevelopmentSource.TRAINING, 5)
    return character, running


def test_one_award_takes_at_most_six_statements(spoiled_runner, django_assert_num_queries):
    character, running = spoiled_runner
    with django_assert_num_queries(AWARD_STATEMENTS):
        award_development_points(character, running, DevelopmentSource.TRAINING, 10)
    assert CharacterTraitValue.objects.get(character=character, trait=running).value == 12


def test_one_award_with_a_key_takes_as_many(spoiled_runner, django_assert_num_queries):
    character, running = spoiled_runner
    with django_assert_num_queries(AWARD_STATEMENTS):
        award_development_points(
            character, running, DevelopmentSource.TRAINING, 10, idempotency_key="run:1"
        )
    points = DevelopmentPoints.objects.get(character=character, trait=running)
    assert (points.total_earned, points.banked_points) == (12, 0)


def test_the_first_award_to_a_trait_takes_as_many(db, django_assert_num_queries):
    character, lore = CharacterFactory(), TraitFactory(name="Lore", category="mental")
    with django_assert_num_queries(AWARD_STATEMENTS):
        award_development_points(character, lore, DevelopmentSource.OTHER, 3)
    assert CharacterTraitValue.objects.get(character=character, trait=lore).value == 3


def test_replaying_a_key_writes_nothing(spoiled_runner, django_assert_num_queries):
    character, running = spoiled_runner
    first = award_development_points(
        character, running, DevelopmentSource.TRAINING, 10, idempotency_key="run:2"
    )
    with django_assert_num_queries(REPLAY_STATEMENTS):
        again = award_development_points(
            character, running, DevelopmentSource.TRAINING, 10, idempotency_key="run:2"
        )
    assert again.pk == first.pk
