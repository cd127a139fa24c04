"""The admin faces of two-person approval: a large award made in the admin waits as a request;
the requests page approves (posting it) or rejects through the services, never by editing."""

from datetime import timedelta

import pytest
from django.contrib.admin import helpers
from django.urls import reverse
from django.utils import timezone

from typeclasses.factories import AccountFactory
from world.progression.models import (
    ApprovalStatus,
    ExperiencePointsData,
    StaffAction,
    StaffApprovalRequest,
    XPTransaction,
)
from world.progression.services.approvals import request_staff_action
from world.progression.services.xp import post_account_xp
from world.progression.types import ProgressionReason

pytestmark = pytest.mark.django_db
XP_BALANCES = reverse("admin:progression_experiencepointsdata_changelist")
REQUESTS = reverse("admin:progression_staffapprovalrequest_changelist")


@pytest.fixture
def balance(account):
    post_account_xp(account, 40, reason=ProgressionReason.GM_AWARD)
    return ExperiencePointsData.objects.get(account=account)


@pytest.fixture
def waiting(staff_account, account):
    """A request another staff member made: 500 XP for `account`."""
    return request_staff_action(
        action=StaffAction.AWARD_ACCOUNT_XP,
        requested_by=staff_account,
        account=account,
        amount=500,
        description="the war",
    ).request


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_a_large_award_in_the_admin_waits_for_a_second_staff_member(admin_client, balance):
    response = admin_client.post(
        XP_BALANCES,
        {
            "action": "award_xp_action",
            helpers.ACTION_CHECKBOX_NAME: [balance.pk],
            "apply": "1",
            "amount": "500",
            "description": "the war",
        },
        follow=True,
    )

    request = StaffApprovalRequest.objects.get()
    assert messages_of(response) == [
        f"That needs a second staff member: request #{request.pk} waits (expires in 48 hours)."
    ]
    balance.refresh_from_db()
    assert balance.total_earned == 40


def test_the_approve_action_posts_the_move(admin_client, superuser, waiting, account):
    response = admin_client.post(
        REQUESTS,
        {"action": "approve_action", helpers.ACTION_CHECKBOX_NAME: [waiting.pk]},
        follow=True,
    )

    assert messages_of(response) == [
        f"Approved request #{waiting.pk}: award {account.key} 500 XP: the war"
    ]
    waiting.refresh_from_db()
    assert (waiting.status, waiting.decided_by) == (ApprovalStatus.APPROVED, superuser)
    assert XPTransaction.objects.get(account=account).amount == 500


def test_the_approve_action_refuses_the_requester(admin_client, superuser, account):
    own = request_staff_action(
        action=StaffAction.AWARD_ACCOUNT_XP, requested_by=superuser, account=account, amount=500
    ).request

    response = admin_client.post(
        REQUESTS,
        {"action": "approve_action", helpers.ACTION_CHECKBOX_NAME: [own.pk]},
        follow=True,
    )

    assert messages_of(response) == [
        f"Request #{own.pk}: You asked for this; another staff member must approve it."
    ]
    assert not XPTransaction.objects.filter(account=account).exists()


def test_the_reject_action_asks_for_a_reason_then_rejects(admin_client, superuser, waiting):
    form = admin_client.post(
        REQUESTS, {"action": "reject_action", helpers.ACTION_CHECKBOX_NAME: [waiting.pk]}
    )
    admin_client.post(
        REQUESTS,
        {
            "action": "reject_action",
            helpers.ACTION_CHECKBOX_NAME: [waiting.pk],
            "apply": "1",
            "reason": "one scene does not earn 500 XP",
        },
    )

    assert b'name="reason"' in form.content
    waiting.refresh_from_db()
    assert (waiting.status, waiting.decided_by, waiting.decision_note) == (
        ApprovalStatus.REJECTED,
        superuser,
        "one scene does not earn 500 XP",
    )


def test_the_request_page_links_what_the_approval_posted(admin_client, waiting):
    admin_client.post(
        REQUESTS, {"action": "approve_action", helpers.ACTION_CHECKBOX_NAME: [waiting.pk]}
    )
    row = XPTransaction.objects.get()

    page = admin_client.get(
        reverse("admin:progression_staffapprovalrequest_change", args=[waiting.pk])
    )

    link = reverse("admin:progression_xptransaction_change", args=[row.pk])
    assert f'href="{link}"'.encode() in page.content


def test_requests_cannot_be_added_or_edited_in_the_admin(admin_client, waiting):
    change = reverse("admin:progression_staffapprovalrequest_change", args=[waiting.pk])

    assert admin_client.get(reverse("admin:progression_staffapprovalrequest_add")).status_code == (
        403
    )
    admin_client.post(change, {"status": "approved", "amount": 1})

    waiting.refresh_from_db()
    assert waiting.status == ApprovalStatus.PENDING


def test_a_small_award_in_the_admin_still_posts_at_once(admin_client, balance):
    newcomer = AccountFactory(key="Newcomer")

    admin_client.post(
        reverse("admin:progression_experiencepointsdata_award"),
        {"account": "newcomer", "amount": "50", "description": "Welcome"},
    )

    assert ExperiencePointsData.objects.get(account=newcomer).total_earned == 50
    assert not StaffApprovalRequest.objects.exists()


def test_a_request_past_its_time_shows_as_expired_on_its_own_page(admin_client, waiting):
    StaffApprovalRequest.objects.filter(pk=waiting.pk).update(
        created_at=timezone.now() - timedelta(hours=50),
        expires_at=timezone.now() - timedelta(hours=2),
    )

    response = admin_client.get(
        reverse("admin:progression_staffapprovalrequest_change", args=[waiting.pk])
    )

    assert response.status_code == 200
    waiting.refresh_from_db()
    assert waiting.status == ApprovalStatus.EXPIRED
    assert "Expired" in response.content.decode()
