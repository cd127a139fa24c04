"""Every classes model is in the admin, and its list (with a search), add and change pages open
for staff."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from world.classes.factories import CharacterClassFactory, CharacterClassLevelFactory, PathFactory

FACTORIES = {
    "characterclass": CharacterClassFactory,
    "characterclasslevel": CharacterClassLevelFactory,
    "path": PathFactory,
}
READ_ONLY = {"characterclasslevel"}


def test_every_model_is_registered_and_has_its_pages_tested():
    models = list(apps.get_app_config("classes").get_models())

    assert {model._meta.model_name for model in models} == set(FACTORIES)
    assert all(admin.site.is_registered(model) for model in models)


@pytest.mark.parametrize("model_name", FACTORIES)
def test_admin_pages_open(admin_client, model_name):
    row = FACTORIES[model_name]()
    prefix = f"admin:classes_{model_name}"

    for url in (
        reverse(f"{prefix}_changelist"),
        reverse(f"{prefix}_changelist") + "?q=a",
        reverse(f"{prefix}_change", args=[row.pk]),
    ):
        assert admin_client.get(url).status_code == 200, url
    # Rows only services write (each change explained by a ledger row) have no add page.
    expected = 403 if model_name in READ_ONLY else 200
    assert admin_client.get(reverse(f"{prefix}_add")).status_code == expected
