"""/api/progression/staff/approvals/: staff list the two-person approval requests and approve or
reject one through the services the `approve` command and the admin call; every refusal (your
own request, your alt's, one decided or expired, not staff) is a JSON error, never a 500."""

from datetime import timedelta

import pytest
from django.utils import timezone

from typeclasses.factories import StaffAccountFactory
from world.progression.models import (
    ApprovalStatus,
    StaffAction,
    StaffApprovalRequest,
    XPTransaction,
)
from world.progression.services.approvals import request_staff_action
from world.progression.services.corrections import correct_account_xp

pytestmark = pytest.mark.django_db
APPROVALS = "/api/progression/staff/approvals/"
HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def url(request, decision=""):
    return f"{APPROVALS}{request.pk}/" + (f"{decision}/" if decision else "")


@pytest.fixture
def requester(db):
    return StaffAccountFactory(email="warden@example.com")


@pytest.fixture
def waiting(requester, account):
    """A 500 XP award to `account` that `requester` asked for, waiting for a second staff."""
    return request_staff_action(
        action=StaffAction.AWARD_ACCOUNT_XP,
        requested_by=requester,
        account=account,
        amount=500,
        description="the war",
    ).request


@pytest.fixture
def second(client_for):
    return client_for(StaffAccountFactory(email="reeve@example.com"))


def past_its_time(request):
    StaffApprovalRequest.objects.filter(pk=request.pk).update(
        created_at=timezone.now() - timedelta(hours=50),
        expires_at=timezone.now() - timedelta(hours=2),
    )


def test_staff_list_the_requests_with_who_asked(staff, waiting, requester, account):
    response = staff.get(APPROVALS)

    assert response.status_code == 200
    (row,) = response.json()["results"]
    assert row["id"] == waiting.pk
    assert (row["status"], row["action"], row["pool"], row["amount"]) == (
        "pending",
        "award_account_xp",
        "account_xp",
        500,
    )
    assert row["summary"] == f"award {account.key} 500 XP: the war"
    assert (row["requested_by"], row["decided_by"], row["result_model"]) == (
        requester.username,
        None,
        None,
    )


def test_one_request_answers_by_its_number(staff, waiting):
    response = staff.get(url(waiting))

    assert response.status_code == 200
    assert response.json()["id"] == waiting.pk


def test_a_request_past_its_time_lists_as_expired_before_anything_marks_it(staff, waiting):
    past_its_time(waiting)

    listed = staff.get(APPROVALS).json()["results"]
    pending = staff.get(APPROVALS, {"status": "pending"}).json()["results"]
    expired = staff.get(APPROVALS, {"status": "expired"}).json()["results"]

    assert [(row["id"], row["status"]) for row in listed] == [(waiting.pk, "expired")]
    assert listed[0]["decided_at"] is not None
    assert (pending, [row["id"] for row in expired]) == ([], [waiting.pk])
    assert staff.get(url(waiting)).json()["status"] == "expired"
    # Reading changes nothing: it is marked when the command or the admin lists, or on a decision.
    waiting.refresh_from_db()
    assert waiting.status == ApprovalStatus.PENDING


def test_a_second_staff_member_approves_and_the_move_posts(second, waiting, account):
    response = second.post(url(waiting, "approve"))

    assert response.status_code == 200, response.content
    row = XPTransaction.objects.get(account=account)
    body = response.json()
    assert (body["status"], body["result_model"], body["result_id"]) == (
        "approved",
        "progression.XPTransaction",
        row.pk,
    )
    assert row.amount == 500


def test_the_requester_cannot_approve_their_own_request(client_for, requester, waiting):
    response = client_for(requester).post(url(waiting, "approve"), HTTP_ACCEPT=HTML)

    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "same_staff"
    assert not XPTransaction.objects.exists()


def test_the_requesters_alt_cannot_approve(client_for, waiting):
    alt = StaffAccountFactory(email="Warden+alt@Example.com")

    response = client_for(alt).post(url(waiting, "approve"))

    assert (response.status_code, response.json()["code"]) == (403, "same_staff")
    waiting.refresh_from_db()
    assert waiting.status == ApprovalStatus.PENDING


def test_a_decided_request_cannot_be_approved_again(second, waiting):
    second.post(url(waiting, "approve"))

    again = second.post(url(waiting, "approve"))

    assert again.status_code == 409
    assert again.json()["code"] == "approval_request_closed"
    assert XPTransaction.objects.count() == 1


def test_a_retry_with_an_idempotency_key_finds_its_own_approval(second, waiting):
    key = {"Idempotency-Key": "approve-7"}
    second.post(url(waiting, "approve"), headers=key)

    again = second.post(url(waiting, "approve"), headers=key)

    assert (again.status_code, again.json()["status"]) == (200, "approved")
    assert XPTransaction.objects.count() == 1


def test_a_key_does_not_make_someone_elses_approval_yours(second, client_for, waiting):
    second.post(url(waiting, "approve"))
    third = client_for(StaffAccountFactory(email="sheriff@example.com"))

    response = third.post(url(waiting, "approve"), headers={"Idempotency-Key": "approve-8"})

    assert (response.status_code, response.json()["code"]) == (409, "approval_request_closed")


def test_an_expired_request_cannot_be_approved_and_is_marked_expired(second, waiting):
    past_its_time(waiting)

    response = second.post(url(waiting, "approve"))

    assert response.status_code == 409
    assert response.json()["code"] == "approval_request_expired"
    waiting.refresh_from_db()
    assert waiting.status == ApprovalStatus.EXPIRED
    assert not XPTransaction.objects.exists()


def test_a_move_its_service_refuses_now_is_a_422_and_still_waits(
    second, requester, account, give_xp, staff_account
):
    give_xp(account, 200)
    request = request_staff_action(
        action=StaffAction.CORRECT_ACCOUNT_XP,
        requested_by=requester,
        account=account,
        amount=-150,
        reason_text="double award",
    ).request
    correct_account_xp(account, -100, gm=staff_account, reason_text="another double award")

    response = second.post(url(request, "approve"))

    assert (response.status_code, response.json()["code"]) == (422, "insufficient_xp")
    request.refresh_from_db()
    assert request.status == ApprovalStatus.PENDING


def test_a_rejection_keeps_its_reason(second, waiting):
    response = second.post(url(waiting, "reject"), {"reason": "too generous"}, format="json")

    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["decision_note"]) == ("rejected", "too generous")
    assert not XPTransaction.objects.exists()


def test_the_requester_may_withdraw_their_own_request(client_for, requester, waiting):
    response = client_for(requester).post(url(waiting, "reject"), {"reason": "typo"})

    assert (response.status_code, response.json()["status"]) == (200, "rejected")


def test_a_rejection_without_a_reason_is_a_400_naming_it(second, waiting):
    response = second.post(url(waiting, "reject"), {}, format="json")

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert "reason" in response.json()["fields"]


def test_a_rejection_of_a_decided_request_is_a_409(second, waiting):
    second.post(url(waiting, "approve"))

    response = second.post(url(waiting, "reject"), {"reason": "late"})

    assert (response.status_code, response.json()["code"]) == (409, "approval_request_closed")


@pytest.mark.parametrize("decision", ["", "approve", "reject"])
def test_an_unknown_request_is_a_json_404(second, decision):
    path = f"{APPROVALS}{2**63 + 5}/" + (f"{decision}/" if decision else "")

    response = second.post(path, {"reason": "x"}) if decision else second.get(path)

    assert (response.status_code, response.json()["code"]) == (404, "not_found")


def test_players_get_a_json_403_on_every_approval_route(player, waiting):
    answers = [
        player.get(APPROVALS, HTTP_ACCEPT=HTML),
        player.get(url(waiting)),
        player.post(url(waiting, "approve")),
        player.post(url(waiting, "reject"), {"reason": "no"}),
    ]

    for response in answers:
        assert response.status_code == 403
        assert response.json()["code"] == "permission_denied"
    waiting.refresh_from_db()
    assert waiting.status == ApprovalStatus.PENDING


def test_options_on_reject_describes_its_reason(staff, waiting):
    response = staff.options(url(waiting, "reject"))

    assert response.status_code == 200
    assert set(response.json()["actions"]["POST"]) == {"reason"}


def test_the_list_opens_in_a_browser(staff, waiting):
    response = staff.get(APPROVALS, HTTP_ACCEPT=HTML)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "the war" in response.content.decode()


def test_the_approval_routes_are_in_the_schema(anonymous_client):
    paths = anonymous_client.get("/api/progression/schema/", {"format": "json"}).json()["paths"]

    assert {
        "/api/progression/staff/approvals/",
        "/api/progression/staff/approvals/{request_id}/",
        "/api/progression/staff/approvals/{request_id}/approve/",
        "/api/progression/staff/approvals/{request_id}/reject/",
    } <= set(paths)


@pytest.mark.parametrize("count", [1, 6])
def test_the_list_reads_in_constant_queries(
    staff, requester, account, second, count, django_assert_num_queries
):
    for _ in range(count):
        request = request_staff_action(
            action=StaffAction.AWARD_ACCOUNT_XP, requested_by=requester, account=account, amount=90
        ).request
    second.post(url(request, "approve"))  # one decided, with its posted row
    staff.get(APPROVALS)  # the session's first request

    # The session, the page's count and the page (who asked and who decided joined).
    with django_assert_num_queries(3):
        response = staff.get(APPROVALS)

    assert len(response.json()["results"]) == count
