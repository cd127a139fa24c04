"""A `Statement` compiles its queryset once per shape and then runs it with the values given:
the rows must be the queryset's own, whatever the values, for each shape."""

from datetime import datetime

import pytest
from django.db import connection
from django.db.models.functions import Lower
from django.test.utils import CaptureQueriesContext

from typeclasses.factories import CharacterFactory
from world.classes.factories import PathFactory
from world.progression.models import CharacterPathHistory
from world.progression.models.statements import Statement
from world.traits.factories import TraitFactory
from world.traits.models import CharacterTraitValue, Trait

pytestmark = pytest.mark.django_db


def _values(*, characters, traits):
    return (
        CharacterTraitValue.objects.filter(character_id__in=characters, trait_id__in=traits)
        .order_by("character_id", "trait_id")
        .values_list("character_id", "trait_id", "value")
    )


@pytest.fixture
def grid(db):
    characters = [CharacterFactory() for _ in range(3)]
    traits = [TraitFactory(name=name) for name in ("Lore", "Running", "Brawling")]
    for i, character in enumerate(characters):
        for j, trait in enumerate(traits):
            CharacterTraitValue.objects.create(character=character, trait=trait, value=10 * i + j)
    return [c.pk for c in characters], [t.pk for t in traits]


def test_each_call_reads_the_rows_of_its_own_values(grid):
    characters, traits = grid
    statement = Statement(_values)
    for chosen in ([characters[0]], [characters[2]], characters[:2], characters):
        for picked in ([traits[1]], traits[::2]):
            expected = list(_values(characters=chosen, traits=picked))
            assert statement.rows(characters=chosen, traits=picked) == expected


def test_a_shape_is_compiled_once_and_reused(grid, monkeypatch):
    characters, traits = grid
    statement = Statement(_values)
    statement.rows(characters=[characters[0]], traits=[traits[0]])
    compiles = []
    monkeypatch.setattr(statement, "build", lambda **slots: compiles.append(slots))
    with CaptureQueriesContext(connection) as queries:
        rows = statement.rows(characters=[characters[1]], traits=[traits[2]])

    assert compiles == []
    assert rows == [(characters[1], traits[2], 12)]
    assert len(queries.captured_queries) == 1


def test_text_values_fill_their_own_places(db):
    statement = Statement(
        lambda *, names: (
            TraitFactory._meta.model.objects.filter(name__in=names)
            .order_by("name")
            .values_list("name", flat=True)
        )
    )
    TraitFactory(name="Lore")
    TraitFactory(name="Running")

    assert statement.rows(names=["Lore", "Nothing"]) == [("Lore",)]
    assert statement.rows(names=["Running", "Lore"]) == [("Lore",), ("Running",)]


def test_a_query_that_changes_a_value_on_its_way_in_is_refused(db):
    statement = Statement(
        lambda *, names: TraitFactory._meta.model.objects.annotate(low=Lower("name")).filter(
            name__contains=names[0]
        )
    )

    with pytest.raises(ValueError, match="unchanged"):
        statement.rows(names=["Lo"])


def test_an_empty_list_reads_nothing_without_a_statement(grid, django_assert_num_queries):
    characters, traits = grid
    statement = Statement(_values)

    with django_assert_num_queries(0):
        assert statement.rows(characters=[], traits=traits) == []
    assert statement.rows(characters=characters[:1], traits=traits[:1]) == [
        (characters[0], traits[0], 0)
    ]


def _paths(*, characters):
    return (
        CharacterPathHistory.objects.filter(character_id__in=characters)
        .order_by("character_id", "pk")
        .values_list("character_id", "selected_at", "path__name")
    )


def test_converted_rows_are_the_querysets_own_dates_included(db):
    characters = [CharacterFactory() for _ in range(2)]
    for character, name in zip(characters, ("Blade", "Quill"), strict=True):
        CharacterPathHistory.objects.create(character=character, path=PathFactory(name=name))
    ids = [character.pk for character in characters]

    rows = Statement(_paths, convert=True).rows(characters=ids)

    assert rows == list(_paths(characters=ids))
    assert all(isinstance(selected_at, datetime) for _, selected_at, _ in rows)


def test_instances_are_the_models_with_their_annotations_beside_them(grid):
    _, traits = grid
    statement = Statement(
        lambda *, traits: (
            Trait.objects.filter(pk__in=traits).annotate(low=Lower("name")).order_by("name")
        )
    )

    found = statement.instances(Trait, traits=traits[:2])

    assert [(type(trait), trait.pk, trait.name, low) for trait, (low,) in found] == [
        (Trait, traits[0], "Lore", "lore"),
        (Trait, traits[1], "Running", "running"),
    ]
    assert not any(hasattr(trait, "low") for trait, _ in found)


def _prepared_like(text: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT statement FROM pg_prepared_statements WHERE statement LIKE %s", [f"%{text}%"]
        )
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.postgres
def test_postgresql_prepares_a_statement_from_its_second_run_and_runs_it_with_new_values(grid):
    """The server parses and plans a statement once per connection (the cold offer's UNION ALL
    cost more to plan than to run); each run still reads the rows of its own values."""
    characters, traits = grid
    # A shape no other test runs: seven characters, so its SQL is this test's alone.
    statement = Statement(_values)
    seven = [*characters, 0, -1, -2, -3]

    statement.rows(characters=seven, traits=traits)
    assert not _prepared_like('"character_id" IN ($1, $2, $3, $4, $5, $6, $7)')

    for _ in range(3):  # past PostgreSQL's five custom plans: the generic plan answers too
        statement.rows(characters=seven, traits=traits)
    assert _prepared_like('"character_id" IN ($1, $2, $3, $4, $5, $6, $7)')

    for first, last in ((0, 1), (1, 3), (2, 3)):
        chosen = characters[first:last] + [0] * (7 - last + first)
        assert statement.rows(characters=chosen, traits=traits[:2]) == list(
            _values(characters=chosen, traits=traits[:2])
        )


@pytest.mark.postgres
def test_the_orms_own_queries_are_never_prepared(grid):
    _, traits = grid
    for _ in range(3):
        list(Trait.objects.filter(name__startswith="Run", pk__in=traits))

    assert not _prepared_like('"traits_trait"."name"::text LIKE')


@pytest.mark.postgres
def test_a_prepared_statement_is_counted_and_logged_with_its_values(grid):
    """Statement counts pin the hot paths, and the query-plan test EXPLAINs what was logged:
    a prepared run must be both, its values written in."""
    characters, traits = grid
    statement = Statement(_values)
    for _ in range(2):
        statement.rows(characters=characters[:1], traits=traits[:1])

    with CaptureQueriesContext(connection) as captured:
        statement.rows(characters=characters[:1], traits=traits[:1])

    (query,) = captured.captured_queries
    assert f"IN ({characters[0]})" in query["sql"] and f"IN ({traits[0]})" in query["sql"]
