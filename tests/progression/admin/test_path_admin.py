"""Path history is read-only in the admin; staff choose a path through `select_path`, whose
refusals come back as admin messages."""

import pytest
from django.contrib.admin import helpers
from django.urls import reverse

from typeclasses.factories import CharacterFactory
from world.classes.factories import CharacterClassLevelFactory, PathFactory
from world.classes.models import PathStage
from world.progression.factories import CharacterPathHistoryFactory
from world.progression.models import CharacterPathHistory

pytestmark = pytest.mark.django_db
HISTORY = reverse("admin:progression_characterpathhistory_changelist")
SELECT = reverse("admin:progression_characterpathhistory_select")


@pytest.fixture
def prospect():
    return PathFactory(name="Wanderer", stage=PathStage.PROSPECT)


@pytest.fixture
def next_stage(prospect):
    squire = PathFactory(name="Squire", stage=PathStage.PROSPECT + 1, minimum_level=1)
    squire.parent_paths.add(prospect)
    return squire


@pytest.fixture
def chosen(character, prospect):
    CharacterClassLevelFactory(character=character, level=3)
    return CharacterPathHistoryFactory(character=character, path=prospect)


def test_path_history_cannot_be_added_changed_or_deleted(admin_client, chosen, next_stage):
    change = reverse("admin:progression_characterpathhistory_change", args=[chosen.pk])
    delete = reverse("admin:progression_characterpathhistory_delete", args=[chosen.pk])

    page = admin_client.get(change)
    admin_client.post(change, {"character": chosen.character_id, "path": next_stage.pk})

    assert b'name="path"' not in page.content
    assert admin_client.get(reverse("admin:progression_characterpathhistory_add")).status_code == (
        403
    )
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    chosen.refresh_from_db()
    assert chosen.path_id != next_stage.pk
    assert CharacterPathHistory.objects.count() == 1


def test_the_action_selects_the_next_path_through_the_service(
    admin_client, character, chosen, next_stage
):
    response = admin_client.post(
        HISTORY,
        {
            "action": "select_path_action",
            helpers.ACTION_CHECKBOX_NAME: [chosen.pk],
            "apply": "1",
            "path": next_stage.pk,
        },
        follow=True,
    )

    assert b"now follows Squire" in response.content
    history = CharacterPathHistory.objects.filter(character=character)
    assert list(history.values_list("path__name", flat=True)) == ["Wanderer", "Squire"]


def test_the_action_shows_the_services_refusal_as_a_message(admin_client, chosen):
    unrelated = PathFactory(name="Hermit", stage=PathStage.PROSPECT + 1)

    response = admin_client.post(
        HISTORY,
        {
            "action": "select_path_action",
            helpers.ACTION_CHECKBOX_NAME: [chosen.pk],
            "apply": "1",
            "path": unrelated.pk,
        },
        follow=True,
    )

    assert b"Hermit does not follow from Wanderer." in response.content
    assert CharacterPathHistory.objects.count() == 1


def test_the_select_page_chooses_a_first_path_for_a_character_with_none(admin_client, prospect):
    newcomer = CharacterFactory(key="Newcomer")
    CharacterClassLevelFactory(character=newcomer, level=1)

    response = admin_client.post(SELECT, {"character": "newcomer", "path": prospect.pk})

    assert response.status_code == 302
    assert CharacterPathHistory.objects.get(character=newcomer).path_id == prospect.pk


def test_the_select_page_shows_the_services_refusal_and_changes_nothing(admin_client, chosen):
    other_prospect = PathFactory(name="Drifter", stage=PathStage.PROSPECT)

    response = admin_client.post(
        SELECT, {"character": chosen.character.key, "path": other_prospect.pk}
    )

    assert response.status_code == 200
    assert b"You already chose Wanderer" in response.content
    assert CharacterPathHistory.objects.count() == 1


def test_the_history_page_links_to_the_select_page(admin_client, chosen):
    assert SELECT.encode() in admin_client.get(HISTORY).content
