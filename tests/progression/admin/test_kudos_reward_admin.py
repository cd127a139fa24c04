"""Staff see the reward requests of staff-delivered kudos claims and close them with actions that
call the services; a request is never edited by hand."""

import re

import pytest
from django.contrib.admin import helpers
from django.urls import reverse

from world.progression.factories import KudosClaimCategoryFactory, KudosSourceCategoryFactory
from world.progression.models import (
    KudosClaimCategory,
    KudosRewardKind,
    KudosRewardRequest,
    KudosRewardRequestStatus,
)
from world.progression.services import award_kudos, claim_kudos

pytestmark = pytest.mark.django_db
REQUESTS = reverse("admin:progression_kudosrewardrequest_changelist")


@pytest.fixture
def open_request(account):
    title = KudosClaimCategoryFactory(
        name="title", kudos_cost=5, reward_kind=KudosRewardKind.STAFF_DELIVERED
    )
    award_kudos(account, 5, KudosSourceCategoryFactory(name="good-sport"))
    claim_kudos(account, 5, title)
    return KudosRewardRequest.objects.get()


def test_staff_see_open_requests_in_the_admin(admin_client, account, open_request):
    response = admin_client.get(REQUESTS)

    assert response.status_code == 200
    assert account.username.encode() in response.content


def test_deliver_action_closes_the_request_as_the_acting_staff(
    admin_client, superuser, open_request
):
    response = admin_client.post(
        REQUESTS,
        {
            "action": "deliver_action",
            helpers.ACTION_CHECKBOX_NAME: [open_request.pk],
            "apply": "1",
            "note": "Title set to 'the Bold'",
        },
    )

    assert response.status_code == 302
    open_request.refresh_from_db()
    assert open_request.status == KudosRewardRequestStatus.DELIVERED
    assert open_request.closed_by_id == superuser.pk
    assert open_request.staff_note == "Title set to 'the Bold'"


def test_closing_a_closed_request_is_reported_and_changes_nothing(
    admin_client, superuser, open_request
):
    admin_client.post(
        REQUESTS,
        {"action": "deliver_action", helpers.ACTION_CHECKBOX_NAME: [open_request.pk], "apply": 1},
    )
    response = admin_client.post(
        REQUESTS,
        {"action": "cancel_action", helpers.ACTION_CHECKBOX_NAME: [open_request.pk], "apply": 1},
        follow=True,
    )

    assert b"already closed as delivered" in response.content
    open_request.refresh_from_db()
    assert open_request.status == KudosRewardRequestStatus.DELIVERED


def test_a_request_cannot_be_added_edited_or_deleted(admin_client, open_request):
    change = reverse("admin:progression_kudosrewardrequest_change", args=[open_request.pk])
    delete = reverse("admin:progression_kudosrewardrequest_delete", args=[open_request.pk])

    page = admin_client.get(change)
    admin_client.post(change, {"status": "delivered", "reward_amount": 99})

    assert b'name="status"' not in page.content
    assert admin_client.get(reverse("admin:progression_kudosrewardrequest_add")).status_code == 403
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    open_request.refresh_from_db()
    assert (open_request.status, open_request.reward_amount) == ("open", 1)


def test_a_new_claim_category_makes_staff_choose_what_it_gives(admin_client):
    add = reverse("admin:progression_kudosclaimcategory_add")
    fields = {"name": "title", "display_name": "A title", "kudos_cost": 50, "reward_amount": 1}

    page = admin_client.get(add)
    refused = admin_client.post(add, fields)
    admin_client.post(add, {**fields, "reward_kind": KudosRewardKind.STAFF_DELIVERED})

    radios = re.findall(rb'<input type="radio" name="reward_kind"[^>]*>', page.content)
    assert len(radios) == 2 and not any(b"checked" in radio for radio in radios)
    assert refused.status_code == 200 and b"This field is required" in refused.content
    assert KudosClaimCategory.objects.get(name="title").delivered_by_staff
