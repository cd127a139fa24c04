"""Rows of the unlock catalogue read in statements compiled once (`models.statements`), each
row a JSON object of a model's columns and of its related row's, built into model instances.

A cold catalogue (after a staff edit or a restart) used to ask which requirement tables have
rows and then read each of them, every queryset compiled by the ORM again: most of a cold
purchase's time. Here the active requirements of all seven kinds come in one `UNION ALL`, and
a purchase reads its own unlock the same way.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from django.db import transaction
from django.db.models import F, IntegerField, Prefetch, Value, prefetch_related_objects
from django.db.models.functions import JSONObject

from ..models import (
    REQUIREMENT_MODELS,
    ClassLevelUnlock,
    MultiClassLevel,
    MultiClassRequirement,
    TraitRatingUnlock,
)
from ..models.statements import Statement

# "<relation>.<field>": a related row's field, beside the model's own columns.
_SEPARATOR = "."


def _related(model) -> list:
    """The foreign keys read with the row (a requirement's trait or class; an unlock's class or
    trait): every one but a requirement's unlock."""
    return [
        field
        for field in model._meta.concrete_fields
        if field.is_relation and field.name != "class_level_unlock"
    ]


def _row(model) -> JSONObject:
    columns = {field.attname: F(field.attname) for field in model._meta.concrete_fields}
    for relation in _related(model):
        for field in relation.related_model._meta.concrete_fields:
            key = f"{relation.name}{_SEPARATOR}{field.attname}"
            columns[key] = F(f"{relation.name}__{field.attname}")
    return JSONObject(**columns)


def _instance(model, row):
    """A model instance as the ORM would load it, its related rows loaded, from the row's JSON
    object (whose values are JSON's: a boolean may come as 0 or 1, so each passes through its
    field's `to_python`)."""
    row = json.loads(row) if isinstance(row, str) else row
    db = transaction.get_connection().alias
    fields = model._meta.concrete_fields
    instance = model.from_db(
        db, [f.attname for f in fields], [f.to_python(row[f.attname]) for f in fields]
    )
    for relation in _related(model):
        related, prefix = relation.related_model, f"{relation.name}{_SEPARATOR}"
        if row.get(prefix + related._meta.pk.attname) is None:
            continue
        related_fields = related._meta.concrete_fields
        loaded = related.from_db(
            db,
            [f.attname for f in related_fields],
            [f.to_python(row[prefix + f.attname]) for f in related_fields],
        )
        setattr(instance, relation.name, loaded)
    return instance


def _requirements_query(*, unlocks: Sequence[int] | None = None):
    combined = None
    for index, model in enumerate(REQUIREMENT_MODELS):
        part = model.objects.filter(is_active=True)
        if unlocks is not None:
            part = part.filter(class_level_unlock_id__in=unlocks)
        part = part.annotate(
            kind=Value(index, output_field=IntegerField()), row=_row(model)
        ).values_list("kind", "id", "row")
        combined = part if combined is None else combined.union(part, all=True)
    return combined.order_by("kind", "id")


_EVERY_REQUIREMENT = Statement(lambda: _requirements_query())
_REQUIREMENTS_OF = Statement(lambda *, unlocks: _requirements_query(unlocks=unlocks))


def active_requirements(unlock_ids: Sequence[int] | None = None) -> dict[int, list]:
    """{class-level unlock id: [its active requirements, by kind then id]}, of every unlock or
    of those in `unlock_ids`; each requirement's trait or class is loaded, and a multi-class
    requirement's class levels with their classes (one more statement when there are any)."""
    if unlock_ids is None:
        rows = _EVERY_REQUIREMENT.rows()
    else:
        rows = _REQUIREMENTS_OF.rows(unlocks=list(unlock_ids))
    found: dict[int, list] = {}
    multi = []
    for kind, _id, row in rows:
        requirement = _instance(REQUIREMENT_MODELS[kind], row)
        if isinstance(requirement, MultiClassRequirement):
            multi.append(requirement)
        found.setdefault(requirement.class_level_unlock_id, []).append(requirement)
    if multi:
        # The state the ORM's prefetch leaves: `class_levels.all()` reads no row.
        levels = MultiClassLevel.objects.select_related("character_class").order_by("pk")
        prefetch_related_objects(multi, Prefetch("class_levels", queryset=levels))
    return found


_CLASS_LEVEL_UNLOCK = Statement(
    lambda *, classes, levels: ClassLevelUnlock.objects.filter(
        character_class_id__in=classes, target_level__in=levels
    ).values_list(_row(ClassLevelUnlock))
)
_TRAIT_RATING_UNLOCKS = Statement(
    lambda *, traits: (
        TraitRatingUnlock.objects.filter(trait_id__in=traits)
        .order_by("target_rating")
        .values_list(_row(TraitRatingUnlock))
    )
)


def _every_unlock_query():
    parts = [
        model.objects.annotate(
            kind=Value(index, output_field=IntegerField()),
            subject_name=F(f"{subject}__name"),
            target=F(target),
            row=_row(model),
        )
        .order_by()  # the models' default orders: not allowed in a part of a UNION
        .values_list("kind", "subject_name", "target", "row")
        for index, (model, subject, target) in enumerate(
            [
                (ClassLevelUnlock, "character_class", "target_level"),
                (TraitRatingUnlock, "trait", "target_rating"),
            ]
        )
    ]
    return parts[0].union(parts[1], all=True).order_by("kind", "subject_name", "target")


_EVERY_UNLOCK = Statement(_every_unlock_query)


def every_unlock() -> tuple[list[ClassLevelUnlock], list[TraitRatingUnlock]]:
    """(the class-level unlocks by class name and level, the trait-rating unlocks by trait
    name and rating), each with its class or trait loaded, in one statement."""
    found: tuple[list, list] = ([], [])
    for kind, _name, _target, row in _EVERY_UNLOCK.rows():
        found[kind].append(_instance(ClassLevelUnlock if kind == 0 else TraitRatingUnlock, row))
    return found


def class_level_unlock(class_id: int, level: int) -> ClassLevelUnlock | None:
    """The unlock of `level` of the class, its class loaded (None when there is none)."""
    rows = _CLASS_LEVEL_UNLOCK.rows(classes=[class_id], levels=[level])
    return _instance(ClassLevelUnlock, rows[0][0]) if rows else None


def trait_rating_unlocks(trait_id: int) -> list[TraitRatingUnlock]:
    """Every unlock of the trait, by rating, its trait loaded."""
    return [
        _instance(TraitRatingUnlock, row)
        for (row,) in _TRAIT_RATING_UNLOCKS.rows(traits=[trait_id])
    ]


__all__ = ["active_requirements", "class_level_unlock", "every_unlock", "trait_rating_unlocks"]
