"""Rows of the unlock catalogue read in statements compiled once (`models.statements`), each
row a JSON array of a model's columns and of its related row's, built into model instances.

A cold catalogue (after a staff edit or a restart) used to ask which requirement tables have
rows and then read each of them, every queryset compiled by the ORM again: most of a cold
purchase's time. Here the active requirements of all seven kinds come in one `UNION ALL`, and
a purchase's own offer (its unlock, requirements and price rows) in one more.
"""

from __future__ import annotations

import json

from django.db import transaction
from django.db.models import F, IntegerField, Prefetch, Value, prefetch_related_objects
from django.db.models.functions import JSONArray

from ..models import (
    REQUIREMENT_MODELS,
    ClassLevelUnlock,
    MultiClassLevel,
    MultiClassRequirement,
    TraitRatingUnlock,
)
from ..models.statements import Statement
from ..models.unlocks import CLASS_PRICES, PRICE_COLUMNS, TRAIT_PRICES, price_entries


def _related(model) -> list:
    """The foreign keys read with the row (a requirement's trait or class; an unlock's class or
    trait): every one but a requirement's unlock."""
    return [
        field
        for field in model._meta.concrete_fields
        if field.is_relation and field.name != "class_level_unlock"
    ]


def _row(model) -> JSONArray:
    """A JSON array of the model's columns, then of each `_related` row's, each model's in the
    order of its `concrete_fields` (an array, not an object: no key to send, parse or read)."""
    columns = [F(field.attname) for field in model._meta.concrete_fields]
    for relation in _related(model):
        columns += [
            F(f"{relation.name}__{field.attname}")
            for field in relation.related_model._meta.concrete_fields
        ]
    return JSONArray(*columns)


def _instance(model, row):
    """A model instance as the ORM would load it, its related rows loaded, from the row's JSON
    array (whose values are JSON's: a boolean may come as 0 or 1, so each passes through its
    field's `to_python`)."""
    values = iter(json.loads(row) if isinstance(row, str) else row)
    db = transaction.get_connection().alias
    instance = _loaded(model, db, values)
    for relation in _related(model):
        related = _loaded(relation.related_model, db, values)
        if related.pk is not None:  # a null foreign key: no related row
            setattr(instance, relation.name, related)
    return instance


def _loaded(model, db, values):
    """The instance of the model's next columns in `values`."""
    fields = model._meta.concrete_fields
    return model.from_db(
        db, [f.attname for f in fields], [f.to_python(next(values)) for f in fields]
    )


def _part(queryset, kind: int, row: JSONArray):
    """One part of a `UNION ALL` of rows (kind, id, JSON array)."""
    return (
        queryset.order_by()  # the models' default orders: not allowed in a part of a UNION
        .annotate(kind=Value(kind, output_field=IntegerField()), row=row)
        .values_list("kind", "id", "row")
    )


def _union(parts):
    first, *rest = parts
    return first.union(*rest, all=True).order_by("kind", "id")


def _requirement_parts(**scope) -> list:
    """The active requirements within `scope`, each kind a part whose kind is its index in
    `REQUIREMENT_MODELS`."""
    return [
        _part(model.objects.filter(is_active=True, **scope), index, _row(model))
        for index, model in enumerate(REQUIREMENT_MODELS)
    ]


_EVERY_REQUIREMENT = Statement(lambda: _union(_requirement_parts()))
_REQUIREMENTS_OF = Statement(
    lambda *, unlocks: _union(_requirement_parts(class_level_unlock_id__in=unlocks))
)


def active_requirements() -> dict[int, list]:
    """{class-level unlock id: [its active requirements, by kind then id]} of every unlock; each
    requirement's trait or class is loaded, and a multi-class requirement's class levels with
    their classes (one more statement when there are any)."""
    return _requirements((kind, row) for kind, _id, row in _EVERY_REQUIREMENT.rows())


def _requirements(rows) -> dict[int, list]:
    """`active_requirements` of rows (kind, JSON array) in order."""
    found: dict[int, list] = {}
    multi = []
    for kind, row in rows:
        requirement = _instance(REQUIREMENT_MODELS[kind], row)
        if isinstance(requirement, MultiClassRequirement):
            multi.append(requirement)
        found.setdefault(requirement.class_level_unlock_id, []).append(requirement)
    if multi:
        # The state the ORM's prefetch leaves: `class_levels.all()` reads no row.
        levels = MultiClassLevel.objects.select_related("character_class").order_by("pk")
        prefetch_related_objects(multi, Prefetch("class_levels", queryset=levels))
    return found


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


# An offer's statement reads its requirements (kinds 0 to 6), then its unlock or its trait's
# unlocks, then its price row.
_UNLOCK = len(REQUIREMENT_MODELS)
_PRICE = _UNLOCK + 1


def _price_row() -> JSONArray:
    return JSONArray(*(F(column) for column in PRICE_COLUMNS))


def _class_level_offer_query(*, classes, levels, unlocks):
    return _union(
        [
            # By the unlock's id, not by a join to the unlock: PostgreSQL plans seven parts
            # with one more join each in about 0.5 ms, more than a second statement costs.
            *_requirement_parts(class_level_unlock_id__in=unlocks),
            _part(
                ClassLevelUnlock.objects.filter(
                    character_class_id__in=classes, target_level__in=levels
                ),
                _UNLOCK,
                _row(ClassLevelUnlock),
            ),
            _part(
                price_entries(CLASS_PRICES, classes).filter(level__in=levels),
                _PRICE,
                _price_row(),
            ),
        ]
    )


def _trait_rating_offer_query(*, traits, ratings):
    return _union(
        [
            _part(
                TraitRatingUnlock.objects.filter(trait_id__in=traits),
                _UNLOCK,
                _row(TraitRatingUnlock),
            ),
            _part(
                price_entries(TRAIT_PRICES, traits).filter(level__in=ratings),
                _PRICE,
                _price_row(),
            ),
        ]
    )


_CLASS_LEVEL_OFFER = Statement(_class_level_offer_query)
_TRAIT_RATING_OFFER = Statement(_trait_rating_offer_query)


def _offer_rows(rows, model) -> tuple[list, list, list[tuple]]:
    """(the unlocks as `model` instances, the requirements' (kind, JSON array), the price
    rows) of an offer's statement's rows."""
    unlocks, requirements, prices = [], [], []
    for kind, _id, row in rows:
        if kind == _UNLOCK:
            unlocks.append(_instance(model, row))
        elif kind == _PRICE:
            prices.append(tuple(json.loads(row) if isinstance(row, str) else row))
        else:
            requirements.append((kind, row))
    return unlocks, requirements, prices


def class_level_offer(
    class_id: int, level: int, *, unlock_id: int | None = None
) -> tuple[ClassLevelUnlock | None, list, list]:
    """(the unlock of `level` of the class, its class loaded, or None when there is none; its
    active requirements, loaded as `active_requirements` loads them; the price rows of that
    level of the class, for `CostTable.from_rows`).

    `unlock_id` is the id the caller expects the unlock to have (its instance's): then all of it
    comes in one statement (two with a multi-class requirement). Without it, or when the unlock
    has another id now (deleted and made again), the requirements take a second statement."""
    rows = _CLASS_LEVEL_OFFER.rows(
        classes=[class_id], levels=[level], unlocks=[] if unlock_id is None else [unlock_id]
    )
    unlocks, requirements, prices = _offer_rows(rows, ClassLevelUnlock)
    if not unlocks:
        return None, [], []
    unlock = unlocks[0]
    if unlock.pk != unlock_id:
        requirements = [
            (kind, row) for kind, _id, row in _REQUIREMENTS_OF.rows(unlocks=[unlock.pk])
        ]
    return unlock, _requirements(requirements).get(unlock.pk, []), prices


def trait_rating_offer(trait_id: int, rating: int) -> tuple[list[TraitRatingUnlock], list]:
    """(every unlock of the trait by rating, its trait loaded; the price rows of `rating` of
    the trait, for `CostTable.from_rows`), in one statement."""
    rows = _TRAIT_RATING_OFFER.rows(traits=[trait_id], ratings=[rating])
    unlocks, _none, prices = _offer_rows(rows, TraitRatingUnlock)
    return sorted(unlocks, key=lambda unlock: unlock.target_rating), prices


__all__ = ["active_requirements", "class_level_offer", "every_unlock", "trait_rating_offer"]
