"""Whatever the amount and the threshold, a staff move either posts at once or waits and moves
nothing; approved, it leaves the balance exactly where posting it at once would have."""

import pytest
from django.test import override_settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from typeclasses.factories import AccountFactory, StaffAccountFactory
from world.progression.models import ExperiencePointsData, StaffAction, StaffApprovalRequest
from world.progression.selectors.audit import find_mismatches
from world.progression.services import award_xp
from world.progression.services.approvals import approve_staff_request, request_staff_action

pytestmark = pytest.mark.django_db
START = 300


def available(account) -> int:
    return ExperiencePointsData.objects.get(account=account).current_available


@hypothesis_settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    amount=st.integers(min_value=-START, max_value=START).filter(bool),
    threshold=st.one_of(st.none(), st.integers(min_value=0, max_value=START)),
)
def test_a_move_posts_at_once_or_waits_and_ends_where_posting_would(
    staff_account, amount, threshold
):
    account, approver = AccountFactory(), StaffAccountFactory()
    award_xp(account, START)

    with override_settings(PROGRESSION_APPROVAL_THRESHOLDS={"account_xp": threshold}):
        move = request_staff_action(
            action=StaffAction.CORRECT_ACCOUNT_XP,
            requested_by=staff_account,
            account=account,
            amount=amount,
            reason_text="property",
        )
        waits = threshold is not None and abs(amount) > threshold
        assert (move.request is not None) == waits
        assert available(account) == (START if waits else START + amount)
        if waits:
            approve_staff_request(request_id=move.request.pk, approver=approver)

    assert available(account) == START + amount
    assert (
        StaffApprovalRequest.objects.filter(requested_by=staff_account, status="pending").count()
        == 0
    )
    assert find_mismatches() == []
