"""The scene `make bench` times is one the farming guard lets through: it times the award,
not a refusal."""

import pytest

from bench.scenarios import _scene_rows


@pytest.mark.django_db(transaction=True)
def test_the_bench_scene_qualifies_and_pays_every_repetition():
    paid = []

    def measure(name, operation, *, prepare, repetitions):
        for scene in prepare(3):
            paid.append(len(operation(scene).transactions))
        return name

    [name] = list(_scene_rows(measure, notes=[]))

    assert name.startswith("finish_scene")
    assert paid == [90, 90, 90]
