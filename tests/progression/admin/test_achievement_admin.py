"""The achievement ledger is read-only in the admin; staff grant an achievement to a character, or
revoke the selected rows' achievements, with a reason, through the services."""

import pytest
from django.contrib.admin import helpers
from django.urls import reverse
from evennia.contrib.game_systems.achievements.achievements import get_achievement_progress

from world.progression.models import AchievementTransaction
from world.progression.services import grant_achievement

pytestmark = pytest.mark.django_db
LEDGER = reverse("admin:progression_achievementtransaction_changelist")
GRANT = reverse("admin:progression_achievementtransaction_grant")


def test_the_ledger_lists_rows_and_cannot_be_added_to_or_edited(admin_client, character, superuser):
    row = grant_achievement(character=character, key="first_vote", staff=superuser, reason="x")
    change = reverse("admin:progression_achievementtransaction_change", args=[row.pk])

    page = admin_client.get(LEDGER)

    assert page.status_code == 200 and b"Noticed" in page.content
    assert b"Grant an achievement" in page.content
    assert admin_client.get(
        reverse("admin:progression_achievementtransaction_add")
    ).status_code == (403)
    admin_client.post(change, {"achievement_key": "slew_the_dragon"})
    row.refresh_from_db()
    assert row.achievement_key == "first_vote"


def test_staff_grant_an_achievement_to_a_character_with_a_reason(
    admin_client, character, superuser
):
    response = admin_client.post(
        GRANT,
        {"character": character.key, "achievement": "slew_the_dragon", "reason": "the pass"},
    )

    assert response.status_code == 302
    row = AchievementTransaction.objects.get()
    assert (row.character_id, row.reason, row.description, row.gm) == (
        character.pk,
        "granted",
        "the pass",
        superuser,
    )
    assert get_achievement_progress(character, "slew_the_dragon") == {"completed": True}


def test_a_grant_the_service_refuses_is_an_error_message(admin_client, character, superuser):
    grant_achievement(character=character, key="first_vote", staff=superuser, reason="x")

    response = admin_client.post(
        GRANT, {"character": character.key, "achievement": "first_vote", "reason": "again"}
    )

    assert b"already has Noticed" in response.content
    assert AchievementTransaction.objects.count() == 1


def test_the_action_revokes_the_selected_rows_achievements(admin_client, character, superuser):
    row = grant_achievement(character=character, key="first_vote", staff=superuser, reason="x")

    response = admin_client.post(
        LEDGER,
        {
            "action": "revoke_action",
            helpers.ACTION_CHECKBOX_NAME: [row.pk],
            "apply": "1",
            "reason": "given to the wrong character",
        },
    )

    assert response.status_code == 302
    revoked = AchievementTransaction.objects.latest("id")
    assert (revoked.reason, revoked.amount, revoked.description) == (
        "revoked",
        -1,
        "given to the wrong character",
    )
    assert get_achievement_progress(character, "first_vote") == {}
