"""The staff award endpoints under two-person approval: an award above its pool's threshold is a
202 naming the request it waits in, and moves nothing; a retry with the same Idempotency-Key
finds the same request, and once approved the posted row."""

from datetime import timedelta

import pytest
from django.utils import timezone

from typeclasses.factories import StaffAccountFactory
from world.progression.factories import KudosSourceCategoryFactory
from world.progression.models import (
    KudosTransaction,
    StaffApprovalRequest,
    XPTransaction,
)
from world.progression.services.approvals import approve_staff_request

pytestmark = pytest.mark.django_db
AWARD_XP = "/api/progression/staff/award-xp/"
AWARD_KUDOS = "/api/progression/staff/award-kudos/"
KEY = {"Idempotency-Key": "war-prize-1"}


def test_a_large_xp_award_is_a_202_with_its_request(staff, account):
    response = staff.post(
        AWARD_XP,
        {"account": account.username, "amount": 500, "description": "the war"},
        format="json",
    )

    request = StaffApprovalRequest.objects.get()
    assert response.status_code == 202
    body = response.json()
    assert (body["code"], body["request"], body["status"]) == (
        "approval_required",
        request.pk,
        "pending",
    )
    assert body["detail"] == (
        f"That needs a second staff member: request #{request.pk} waits (expires in 48 hours)."
    )
    assert not XPTransaction.objects.exists()


def test_a_large_kudos_award_waits_too(staff, account):
    KudosSourceCategoryFactory(name="event-host", default_amount=3)

    response = staff.post(
        AWARD_KUDOS,
        {"account": account.username, "category": "event-host", "amount": 80, "description": "x"},
        format="json",
    )

    assert response.status_code == 202
    assert not KudosTransaction.objects.exists()


def test_a_retry_finds_the_same_request_and_after_approval_the_row(staff, account):
    body = {"account": account.username, "amount": 500, "description": "the war"}

    first = staff.post(AWARD_XP, body, format="json", headers=KEY)
    again = staff.post(AWARD_XP, body, format="json", headers=KEY)
    approve_staff_request(request_id=first.json()["request"], approver=StaffAccountFactory())
    after = staff.post(AWARD_XP, body, format="json", headers=KEY)

    assert again.status_code == 202 and again.json()["request"] == first.json()["request"]
    assert StaffApprovalRequest.objects.count() == 1
    row = XPTransaction.objects.get()
    assert (after.status_code, after.json()["id"]) == (201, row.pk)


def test_a_key_reused_for_another_amount_is_a_409(staff, account):
    staff.post(
        AWARD_XP, {"account": account.username, "amount": 500, "description": "x"}, headers=KEY
    )

    second = staff.post(
        AWARD_XP,
        {"account": account.username, "amount": 600, "description": "x"},
        format="json",
        headers=KEY,
    )

    assert second.status_code == 409
    assert StaffApprovalRequest.objects.count() == 1


def test_a_retry_after_the_request_passed_its_time_says_it_expired(staff, account):
    body = {"account": account.username, "amount": 500, "description": "the war"}
    first = staff.post(AWARD_XP, body, format="json", headers=KEY)
    StaffApprovalRequest.objects.filter(pk=first.json()["request"]).update(
        created_at=timezone.now() - timedelta(hours=50),
        expires_at=timezone.now() - timedelta(hours=2),
    )

    again = staff.post(AWARD_XP, body, format="json", headers=KEY)

    assert again.status_code == 202
    assert again.json()["status"] == "expired"
    assert again.json()["detail"] == f"Request #{first.json()['request']} was expired."
    assert not XPTransaction.objects.exists()
