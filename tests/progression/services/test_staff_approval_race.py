"""Two staff members approving one request at the same moment post it once: the approval holds
the request's row lock while it posts, so the second finds it decided. Real threads against
PostgreSQL's row locks."""

import threading

import pytest
from django.db import connection

from typeclasses.factories import AccountFactory, StaffAccountFactory
from world.progression.exceptions import ApprovalRequestClosedError
from world.progression.models import ApprovalStatus, ExperiencePointsData, XPTransaction
from world.progression.models.approvals import StaffAction, StaffApprovalRequest
from world.progression.selectors.audit import find_mismatches
from world.progression.services.approvals import approve_staff_request, request_staff_action

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

TRIALS = 30


def race(*calls) -> tuple[list, list[Exception]]:
    """Run the callables in threads released together; what they returned and raised."""
    barrier = threading.Barrier(len(calls))
    returned, raised = [], []

    def worker(call):
        try:
            barrier.wait()
            returned.append(call())
        except ApprovalRequestClosedError as error:
            raised.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return returned, raised


def test_two_approvals_at_once_post_the_move_once(staff_account):
    first, second = StaffAccountFactory(), StaffAccountFactory()
    for _ in range(TRIALS):
        account = AccountFactory()
        request = request_staff_action(
            action=StaffAction.AWARD_ACCOUNT_XP,
            requested_by=staff_account,
            account=account,
            amount=500,
            description="war prize",
        ).request

        returned, raised = race(
            lambda pk=request.pk: approve_staff_request(request_id=pk, approver=first),
            lambda pk=request.pk: approve_staff_request(request_id=pk, approver=second),
        )

        assert (len(returned), len(raised)) == (1, 1), raised
        assert XPTransaction.objects.filter(account=account).count() == 1
        assert ExperiencePointsData.objects.get(account=account).total_earned == 500
        decided = StaffApprovalRequest.objects.get(pk=request.pk)
        assert decided.status == ApprovalStatus.APPROVED
        assert decided.decided_by == returned[0].decided_by
    assert find_mismatches() == []
