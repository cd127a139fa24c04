"""A scene's awards cost a fixed number of queries, however many take part. Inside a test's
transaction, with a poser who used no trait and has no trait values (the costliest path):
calculating the awards takes 5 queries (the participations with their accounts, for the alt
rule; trait uses, poses, the posers' trait values, the public traits); awarding them takes 7 on
SQLite (the traits, the engine's savepoint, the one state read, the trait value and point
upserts, the ledger insert, the release) and 6 on PostgreSQL, which takes the characters' lock
and writes the values, points and ledger rows in one statement; finishing the scene takes at
most 15 more, 16 on PostgreSQL (its savepoint, the scene's lock, the scene update, the farming
guard's verdict: participations and poses, the earners' participations and their lock, the 5
above, this week's scene earnings for the caps, voting's weekly scene credit, the release). The
same bounds hold for 5 and 30 participants, and both sizes take exactly the same number of
queries. The scene `make bench` finishes (30 participants x 3 traits, two players, in its own
transaction) takes 20 statements on SQLite and on PostgreSQL, BEGIN and COMMIT included.

Once it commits, the scene is counted toward its earners' achievements in a transaction of its
own: 4 statements (the earners by id, BEGIN, their stored progress, COMMIT; 5 on PostgreSQL,
which takes the earners' lock) and the insert of the rows of achievements completed, around 5
per earner the first time anything is counted for them (their progress read, and its attribute
created and linked), and 6 per earner on a later scene while a scene achievement is still open
to them (the progress read from Evennia's cache, then Evennia's attribute write: two UPDATEs,
each in a savepoint). Once every scene achievement is earned, nothing is read or written.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from typeclasses.factories import AccountFactory, CharacterFactory
from world.mechanics.factories import (
    CharacterDistinctionFactory,
    DistinctionEffectFactory,
    ModifierTypeFactory,
)
from world.progression.factories import TraitRatingUnlockFactory
from world.progression.models import DevelopmentTransaction
from world.progression.services import (
    award_scene_development_points,
    calculate_automatic_scene_awards,
)
from world.scenes.factories import SceneFactory, play_to_qualify
from world.scenes.models import SceneMessage, SceneParticipation, SceneTraitUse
from world.scenes.services import finish_scene
from world.traits.factories import TraitFactory

CALCULATE_QUERIES = 5
LOCK = 1 if connection.features.has_select_for_update else 0  # SQLite's BEGIN is its lock
WRITES = 1 if connection.vendor == "postgresql" else 3  # the engine's upserts and ledger insert
AWARD_QUERIES = 4 + LOCK + WRITES
FINISH_QUERIES = 15 + LOCK + AWARD_QUERIES  # + the caps' lock on the earners
BENCH_SCENE_STATEMENTS = 17 + 2 * LOCK + WRITES
ACHIEVEMENT_STATEMENTS = 4 + LOCK
FIRST_COUNT_PER_EARNER = 5
LATER_COUNT_PER_EARNER = 6


@pytest.fixture
def traits(db):
    traits = [
        TraitFactory(name="Brawling", category="combat"),
        TraitFactory(name="Etiquette", category="social"),
        TraitFactory(name="Running", category="physical"),
    ]
    TraitRatingUnlockFactory(trait=traits[0], target_rating=20)
    return traits


@pytest.fixture
def spoiled_effect(db):
    return DistinctionEffectFactory(
        modifier_type=ModifierTypeFactory(name="physical_skill_development_rate"), value=-20
    )


def busy_scene(size, traits, spoiled_effect):
    """A scene where `size` characters each used three traits, one more only posed, and every
    other character is Spoiled (so rate modifiers are really read)."""
    scene = SceneFactory()
    characters = [CharacterFactory() for _ in range(size)]
    for index, character in enumerate(characters):
        if index % 2:
            CharacterDistinctionFactory(character=character, distinction=spoiled_effect.distinction)
    poser = CharacterFactory()
    # Two players, the characters shared between them, so the scene qualifies.
    players = [AccountFactory(), AccountFactory()]
    SceneParticipation.objects.bulk_create(
        SceneParticipation(scene=scene, character=c, account=players[index % 2])
        for index, c in enumerate([*characters, poser])
    )
    SceneTraitUse.objects.bulk_create(
        SceneTraitUse(scene=scene, character=c, trait=t, uses=2) for c in characters for t in traits
    )
    SceneMessage.objects.bulk_create(
        SceneMessage(scene=scene, character=c, content="poses.")
        for c in [*characters, poser]
        for _ in range(3)
    )
    play_to_qualify(scene)
    return scene, [*characters, poser]


def counted(function):
    with CaptureQueriesContext(connection) as context:
        result = function()
    return result, len(context.captured_queries)


@pytest.mark.parametrize("size", [5, 30])
def test_calculating_a_scene_does_not_grow_with_participants(
    size, traits, spoiled_effect, django_assert_max_num_queries
):
    scene, participants = busy_scene(size, traits, spoiled_effect)
    with django_assert_max_num_queries(CALCULATE_QUERIES):
        awards = calculate_automatic_scene_awards(scene, participants)
    assert len(awards) == size + 1


@pytest.mark.parametrize("size", [5, 30])
def test_awarding_a_scene_does_not_grow_with_participants(
    size, traits, spoiled_effect, django_assert_max_num_queries
):
    scene, participants = busy_scene(size, traits, spoiled_effect)
    awards = calculate_automatic_scene_awards(scene, participants)
    with django_assert_max_num_queries(AWARD_QUERIES):
        transactions = award_scene_development_points(scene, participants, awards)
    assert len(transactions) == size * 3 + 1


@pytest.mark.parametrize("size", [5, 30])
def test_finishing_a_scene_does_not_grow_with_participants(
    size, traits, spoiled_effect, django_assert_max_num_queries
):
    scene, _participants = busy_scene(size, traits, spoiled_effect)
    with django_assert_max_num_queries(FINISH_QUERIES):
        result = finish_scene(scene)
    assert len(result.transactions) == size * 3 + 1
    assert DevelopmentTransaction.objects.filter(scene=scene).count() == size * 3 + 1


def test_thirty_participants_cost_exactly_what_five_do(traits, spoiled_effect):
    small, _ = busy_scene(5, traits, spoiled_effect)
    large, _ = busy_scene(30, traits, spoiled_effect)
    small_result, small_count = counted(lambda: finish_scene(small))
    large_result, large_count = counted(lambda: finish_scene(large))
    assert (len(small_result.transactions), len(large_result.transactions)) == (16, 91)
    assert small_count == large_count


def bench_scene(characters, players, traits):
    scene = SceneFactory()
    SceneParticipation.objects.bulk_create(
        SceneParticipation(scene=scene, character=c, account=players[index % 2])
        for index, c in enumerate(characters)
    )
    SceneTraitUse.objects.bulk_create(
        SceneTraitUse(scene=scene, character=c, trait=t, uses=2) for c in characters for t in traits
    )
    play_to_qualify(scene, characters[0], characters[1])
    return scene


def finish_and_count(scene) -> tuple[object, list[str], list[str]]:
    """Finish `scene`: its result, the statements of the finish (up to its COMMIT) and those of
    the achievement count that follows the commit."""
    with CaptureQueriesContext(connection) as context:
        result = finish_scene(scene)
    statements = [query["sql"] for query in context.captured_queries]
    end = statements.index("COMMIT") + 1
    return result, statements[:end], statements[end:]


@pytest.mark.django_db(transaction=True)
def test_the_bench_scene_finishes_in_at_most_twenty_statements(traits):
    characters = [CharacterFactory() for _ in range(30)]
    players = [AccountFactory(), AccountFactory()]

    result, finish, count = finish_and_count(bench_scene(characters, players, traits))

    assert len(result.transactions) == 90
    assert len(finish) == BENCH_SCENE_STATEMENTS
    assert len(count) == ACHIEVEMENT_STATEMENTS + 1 + FIRST_COUNT_PER_EARNER * 30  # + the rows

    _result, finish, count = finish_and_count(bench_scene(characters, players, traits))

    assert len(count) == ACHIEVEMENT_STATEMENTS + LATER_COUNT_PER_EARNER * 30
