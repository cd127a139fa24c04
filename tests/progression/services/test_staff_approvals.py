"""Two-person approval: a staff move above its pool's threshold moves nothing until a second staff
member, who is not the requester's player, approves it; then it posts once."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from typeclasses.factories import AccountFactory, CharacterFactory, StaffAccountFactory
from world.classes.factories import CharacterClassFactory
from world.progression.exceptions import (
    ApprovalRequestClosedError,
    ApprovalRequestExpiredError,
    InsufficientXPError,
    NotStaffError,
    SameStaffError,
    UnknownApprovalRequestError,
    UnknownPlayerError,
)
from world.progression.factories import ClassLevelUnlockFactory, price_unlock
from world.progression.models import (
    ApprovalStatus,
    CharacterUnlock,
    ExperiencePointsData,
    StaffAction,
    StaffApprovalRequest,
    XPTransaction,
)
from world.progression.selectors.approvals import waiting_staff_requests
from world.progression.selectors.audit import find_mismatches
from world.progression.services import award_xp, purchase_unlock
from world.progression.services.approvals import (
    approve_staff_request,
    expire_staff_requests,
    reject_staff_request,
    request_staff_action,
)
from world.progression.types import ProgressionReason

pytestmark = pytest.mark.django_db
AWARD = StaffAction.AWARD_ACCOUNT_XP


@pytest.fixture
def second_staff(db):
    return StaffAccountFactory()


def award(requester, account, amount, **kwargs):
    return request_staff_action(
        action=AWARD, requested_by=requester, account=account, amount=amount, **kwargs
    )


def earned(account) -> int:
    row = ExperiencePointsData.objects.filter(account=account).first()
    return row.total_earned if row else 0


def test_a_move_within_the_threshold_posts_at_once(staff_account, account):
    move = award(staff_account, account, 50, description="plot prize")

    assert move.request is None
    assert move.result == XPTransaction.objects.get(account=account)
    assert (move.result.amount, move.result.gm) == (50, staff_account)
    assert not StaffApprovalRequest.objects.exists()


def test_a_move_above_the_threshold_posts_nothing_and_waits(staff_account, account):
    move = award(staff_account, account, 51, description="plot prize")

    assert move.result is None
    request = move.request
    assert (request.status, request.amount, request.pool) == ("pending", 51, "account_xp")
    assert request.summary == f"award {account.key} 51 XP: plot prize"
    assert request.arguments == {"account": account.pk, "amount": 51, "description": "plot prize"}
    assert earned(account) == 0
    assert list(waiting_staff_requests()) == [request]


def test_the_size_of_a_negative_correction_is_what_counts(staff_account, account):
    award_xp(account, 200)

    move = request_staff_action(
        action=StaffAction.CORRECT_ACCOUNT_XP,
        requested_by=staff_account,
        account=account,
        amount=-100,
        reason_text="counted twice",
    )

    assert move.request is not None and move.request.amount == -100
    assert earned(account) == 200


def test_a_pool_without_a_threshold_needs_no_approval(settings, staff_account, account):
    settings.PROGRESSION_APPROVAL_THRESHOLDS = {"kudos": 5}

    assert award(staff_account, account, 5_000).request is None
    assert earned(account) == 5_000


def test_a_second_staff_member_approves_and_the_move_posts_once(
    staff_account, second_staff, account
):
    request = award(staff_account, account, 500, description="war prize").request

    approved = approve_staff_request(request_id=request.pk, approver=second_staff)

    row = XPTransaction.objects.get(account=account)
    assert (row.amount, row.gm, row.reason, row.description) == (
        500,
        staff_account,
        ProgressionReason.GM_AWARD,
        "war prize",
    )
    assert (approved.status, approved.decided_by, approved.result) == (
        ApprovalStatus.APPROVED,
        second_staff,
        row,
    )
    assert find_mismatches() == []


def test_a_second_approval_finds_it_decided_and_posts_nothing(staff_account, second_staff, account):
    request = award(staff_account, account, 500).request
    approve_staff_request(request_id=request.pk, approver=second_staff)

    with pytest.raises(ApprovalRequestClosedError):
        approve_staff_request(request_id=request.pk, approver=StaffAccountFactory())

    assert XPTransaction.objects.filter(account=account).count() == 1
    assert earned(account) == 500


def test_the_requester_cannot_approve_their_own_request(staff_account, account):
    request = award(staff_account, account, 500).request

    with pytest.raises(SameStaffError):
        approve_staff_request(request_id=request.pk, approver=staff_account)

    assert earned(account) == 0
    request.refresh_from_db()
    assert request.status == ApprovalStatus.PENDING


def test_an_alt_of_the_requester_cannot_approve(account):
    requester = StaffAccountFactory(email="warden@example.com")
    alt = StaffAccountFactory(email="Warden+alt@Example.com")
    request = award(requester, account, 500).request

    with pytest.raises(SameStaffError, match="one player"):
        approve_staff_request(request_id=request.pk, approver=alt)

    assert earned(account) == 0


def test_a_staff_account_without_an_email_cannot_approve(staff_account, account):
    unknown = StaffAccountFactory(email="")
    request = award(staff_account, account, 500).request

    with pytest.raises(UnknownPlayerError):
        approve_staff_request(request_id=request.pk, approver=unknown)

    assert earned(account) == 0


def test_staff_cannot_approve_a_move_into_their_own_numbers(staff_account, second_staff):
    request = award(staff_account, second_staff, 500).request

    with pytest.raises(SameStaffError, match="your own numbers"):
        approve_staff_request(request_id=request.pk, approver=second_staff)

    assert earned(second_staff) == 0


def test_a_player_cannot_approve_or_request(staff_account, account, other_account):
    request = award(staff_account, account, 500).request

    with pytest.raises(NotStaffError):
        approve_staff_request(request_id=request.pk, approver=other_account)
    with pytest.raises(NotStaffError):
        award(other_account, account, 5)

    assert earned(account) == 0


def test_an_expired_request_cannot_be_approved(staff_account, second_staff, account):
    request = award(staff_account, account, 500).request
    past = timezone.now() - timedelta(days=1)
    StaffApprovalRequest.objects.filter(pk=request.pk).update(
        created_at=past - timedelta(days=2), expires_at=past
    )

    with pytest.raises(ApprovalRequestExpiredError):
        approve_staff_request(request_id=request.pk, approver=second_staff)

    request.refresh_from_db()
    assert (request.status, request.decided_at) == (ApprovalStatus.EXPIRED, past)
    assert earned(account) == 0


def test_the_sweep_expires_requests_past_their_time_only(staff_account, account):
    old, fresh = (
        award(staff_account, account, 500).request,
        award(staff_account, account, 60).request,
    )
    past = timezone.now() - timedelta(hours=1)
    StaffApprovalRequest.objects.filter(pk=old.pk).update(
        created_at=past - timedelta(days=2), expires_at=past
    )

    assert expire_staff_requests() == 1

    assert StaffApprovalRequest.objects.get(pk=old.pk).status == ApprovalStatus.EXPIRED
    assert list(waiting_staff_requests()) == [fresh]


def test_a_rejected_request_cannot_be_approved(staff_account, second_staff, account):
    request = award(staff_account, account, 500).request

    rejected = reject_staff_request(request_id=request.pk, staff=second_staff, reason="too much")
    with pytest.raises(ApprovalRequestClosedError, match="rejected"):
        approve_staff_request(request_id=request.pk, approver=StaffAccountFactory())

    assert (rejected.status, rejected.decision_note) == (ApprovalStatus.REJECTED, "too much")
    assert earned(account) == 0


def test_the_requester_can_withdraw_their_own_request(staff_account, account):
    request = award(staff_account, account, 500).request

    withdrawn = reject_staff_request(request_id=request.pk, staff=staff_account, reason="typo")

    assert (withdrawn.status, withdrawn.decided_by) == (ApprovalStatus.REJECTED, staff_account)


def test_an_unknown_request_number_is_refused(second_staff):
    with pytest.raises(UnknownApprovalRequestError):
        approve_staff_request(request_id=999_999, approver=second_staff)


def test_a_move_its_service_would_refuse_is_refused_before_it_waits(staff_account, account):
    award_xp(account, 20)

    with pytest.raises(InsufficientXPError):
        request_staff_action(
            action=StaffAction.CORRECT_ACCOUNT_XP,
            requested_by=staff_account,
            account=account,
            amount=-100,
            reason_text="typo",
        )

    assert not StaffApprovalRequest.objects.exists()
    assert XPTransaction.objects.filter(account=account).count() == 1


def test_a_refund_waits_when_the_xp_it_returns_is_above_the_threshold(
    staff_account, second_staff, account, character
):
    warrior = CharacterClassFactory(name="Warrior")
    unlock = ClassLevelUnlockFactory(character_class=warrior, target_level=1)
    price_unlock(unlock, 80)
    award_xp(account, 80)
    record = purchase_unlock(character, unlock)

    move = request_staff_action(
        action=StaffAction.REFUND_UNLOCK, requested_by=staff_account, unlock=record, reason="bug"
    )

    assert (move.request.pool, move.request.amount) == ("refund", 80)
    assert move.request.summary == f"refund {character.key}'s Warrior level 1 (80 XP): bug"
    assert CharacterUnlock.objects.get(pk=record.pk).refunded_date is None
    approve_staff_request(request_id=move.request.pk, approver=second_staff)
    assert CharacterUnlock.objects.get(pk=record.pk).refunded_by == staff_account
    assert find_mismatches() == []


def test_a_character_move_names_the_character_and_counts_in_its_pool(
    staff_account, second_staff, character
):
    move = request_staff_action(
        action=StaffAction.AWARD_CHARACTER_XP,
        requested_by=staff_account,
        character=character,
        amount=60,
        transferable=False,
        description="",
    )

    assert move.request.summary == f"award {character.key} 60 locked XP"
    approved = approve_staff_request(request_id=move.request.pk, approver=second_staff)
    assert (approved.result.amount, approved.result.transferable) == (60, False)


def test_the_owner_of_a_character_cannot_approve_a_move_for_it(staff_account, second_staff):
    their_character = CharacterFactory(account=second_staff)
    move = request_staff_action(
        action=StaffAction.AWARD_CHARACTER_XP,
        requested_by=staff_account,
        character=their_character,
        amount=60,
    )

    with pytest.raises(SameStaffError):
        approve_staff_request(request_id=move.request.pk, approver=second_staff)


def test_the_database_refuses_an_approval_by_the_requester(staff_account, account):
    request = award(staff_account, account, 500).request
    posted = award_xp(account, 5)

    with pytest.raises(IntegrityError), transaction.atomic():
        StaffApprovalRequest.objects.filter(pk=request.pk).update(
            status=ApprovalStatus.APPROVED,
            decided_by=staff_account,
            decided_at=timezone.now(),
            result_type_id=1,
            result_id=posted.pk,
        )


def test_the_database_refuses_an_approved_request_that_posted_nothing(
    staff_account, second_staff, account
):
    request = award(staff_account, account, 500).request

    with pytest.raises(IntegrityError), transaction.atomic():
        StaffApprovalRequest.objects.filter(pk=request.pk).update(
            status=ApprovalStatus.APPROVED, decided_by=second_staff, decided_at=timezone.now()
        )


def test_an_account_that_is_gone_leaves_the_request_for_any_other_staff(second_staff):
    leaving, account = StaffAccountFactory(), AccountFactory()
    request = award(leaving, account, 500).request
    leaving.delete()

    approved = approve_staff_request(request_id=request.pk, approver=second_staff)

    assert approved.requested_by is None and earned(account) == 500
