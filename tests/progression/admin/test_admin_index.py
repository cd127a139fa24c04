"""The admin's way in: Evennia's front page links the game's tables, and the Django admin index
groups them by concern (ledgers, catalogue, play, people) instead of one list per app."""

import pytest
from django.contrib import admin
from django.urls import reverse

from web.adminsite import CONCERNS

pytestmark = pytest.mark.django_db


def _captions(response) -> list[str]:
    return [app["name"] for app in response.context["app_list"]]


def test_the_admin_index_lists_the_concerns_first_in_order(admin_client):
    response = admin_client.get("/admin/django/")

    assert response.status_code == 200
    assert _captions(response)[:4] == ["Ledgers", "Catalogue", "Play", "People"]


def test_each_ledger_is_in_the_ledgers_group(admin_client):
    response = admin_client.get("/admin/django/")

    ledgers = response.context["app_list"][0]
    names = [entry["object_name"] for entry in ledgers["models"]]
    assert names == [
        "XPTransaction",
        "CharacterXPTransaction",
        "KudosTransaction",
        "DevelopmentTransaction",
        "TraitValueTransaction",
        "ClassLevelTransaction",
        "AchievementTransaction",
        "CharacterUnlock",
    ]


def test_no_progression_table_is_left_in_a_flat_progression_list(admin_client):
    response = admin_client.get("/admin/django/")

    assert "Progression" not in _captions(response)


def test_every_grouped_model_is_registered_and_every_progression_model_grouped():
    registered = {model._meta.label for model in admin.site._registry}
    grouped = {label for labels in CONCERNS.values() for label in labels}

    assert grouped <= registered
    assert {label for label in registered if label.startswith("progression.")} <= grouped


def test_the_progression_app_page_still_lists_the_whole_app(admin_client):
    response = admin_client.get("/admin/progression/")

    assert response.status_code == 200
    assert _captions(response) == ["Progression"]


def test_evennias_front_page_links_every_group_and_its_tables(admin_client):
    response = admin_client.get(reverse("evennia_admin"))

    html = response.content.decode()
    assert response.status_code == 200
    for concern in ("Ledgers", "Catalogue", "Play", "People"):
        assert f'id="concern-{concern.lower()}"' in html
    assert 'href="/admin/progression/xptransaction/"' in html
    assert 'href="/admin/progression/classlevelunlock/"' in html
    # Evennia's own part of the page is still there.
    assert 'href="/admin/objects/objectdb/"' in html


def test_the_front_page_is_for_staff_only(client, account):
    client.force_login(account)

    response = client.get(reverse("evennia_admin"))

    assert response.status_code == 302
