"""The version of the unlock catalogue: one row whose token changes whenever staff change what is
for sale, so every process (server, portal, web server) can tell in one small query whether the
catalogue it keeps in memory is still the one in the database.

The catalogue is everything a shop reads that is not about one character: the unlocks, their
requirements, prices (charts, entries, class and trait links), the classes (names, hidden) and
the traits (names, kinds). Any ORM save or delete of those rows, and any change of a
multi-class requirement's classes, replaces the token in the same transaction as the change.
Writes that send no signals (`bulk_create`, `QuerySet.update`, raw SQL) must call
`bump_catalogue_version()` themselves.
"""

from __future__ import annotations

from uuid import uuid4

from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save

from world.classes.models import CharacterClass
from world.traits.models import Trait

from .requirements import REQUIREMENT_MODELS, MultiClassLevel, MultiClassRequirement
from .statements import Statement
from .unlocks import (
    ClassLevelUnlock,
    ClassXPCost,
    TraitRatingUnlock,
    TraitXPCost,
    XPCostChart,
    XPCostEntry,
)

CATALOGUE_MODELS = (
    ClassLevelUnlock,
    TraitRatingUnlock,
    *REQUIREMENT_MODELS,
    MultiClassLevel,
    XPCostChart,
    XPCostEntry,
    ClassXPCost,
    TraitXPCost,
    CharacterClass,
    Trait,
)


class CatalogueVersion(models.Model):
    """One row. A random token rather than a counter: a rolled-back change (a test's, or an
    admin's failed save) puts the old token back, and a counter would then hand the next change
    the number a discarded catalogue was cached under."""

    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = "unlock catalogue version"

    def __str__(self) -> str:
        return self.token


def catalogue_version() -> str | None:
    """The current token (None before the catalogue was ever changed)."""
    rows = _TOKEN.rows()
    return rows[0][0] if rows else None


# Every shop and purchase asks it: compiled once (`statements.Statement`).
_TOKEN = Statement(lambda: CatalogueVersion.objects.filter(pk=1).values_list("token"))


def bump_catalogue_version() -> None:
    """Give the catalogue a new token, inside the caller's transaction."""
    token = uuid4().hex
    if not CatalogueVersion.objects.filter(pk=1).update(token=token):
        CatalogueVersion.objects.update_or_create(pk=1, defaults={"token": token})


def _catalogue_changed(sender, **kwargs) -> None:
    bump_catalogue_version()


def _classes_changed(sender, action: str, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        bump_catalogue_version()


for _model in CATALOGUE_MODELS:
    post_save.connect(_catalogue_changed, sender=_model, dispatch_uid=f"catalogue-save-{_model}")
    post_delete.connect(
        _catalogue_changed, sender=_model, dispatch_uid=f"catalogue-delete-{_model}"
    )
m2m_changed.connect(
    _classes_changed,
    sender=MultiClassRequirement.required_classes.through,
    dispatch_uid="catalogue-multiclass-classes",
)


__all__ = ["CATALOGUE_MODELS", "CatalogueVersion", "bump_catalogue_version", "catalogue_version"]
