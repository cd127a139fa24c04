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
