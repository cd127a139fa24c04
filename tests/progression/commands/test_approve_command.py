"""The staff faces of two-person approval: a large award, correction or refund typed in the game
answers one line saying it waits; `approve` lists the waiting requests and a second staff member
approves or rejects one; the staff member who asked is told."""

import evennia
import pytest
from told import sent_to

from typeclasses.factories import StaffAccountFactory
from world.classes.factories import CharacterClassFactory
from world.progression.factories import (
    ClassLevelUnlockFactory,
    KudosSourceCategoryFactory,
    price_unlock,
)
from world.progression.models import (
    ApprovalStatus,
    CharacterUnlock,
    CharacterXPTransaction,
    DevelopmentTransaction,
    KudosTransaction,
    StaffApprovalRequest,
    TraitValueTransaction,
    XPTransaction,
)
from world.progression.selectors.audit import find_mismatches
from world.progression.services import award_xp, purchase_unlock
from world.traits.factories import TraitFactory

pytestmark = pytest.mark.django_db
WAITS = "That needs a second staff member: request #{} waits (expires in 48 hours)."


@pytest.fixture
def warden(puppet):
    """A second staff member, playing Warden."""
    return puppet(StaffAccountFactory(), key="Warden")


@pytest.fixture
def catalogue(db):
    TraitFactory(name="Lore")
    KudosSourceCategoryFactory(name="good-sport", display_name="Good Sport")


@pytest.mark.parametrize(
    ("typed", "ledger"),
    [
        ("xp/award Alice = 500 : the war", XPTransaction),
        ("xp/correct Alice = +500 : missed", XPTransaction),
        ("award/charxp Alice = 60", CharacterXPTransaction),
        ("award/quest Alice = Lore 40 : the library", DevelopmentTransaction),
        ("award/conversion Alice = 30 2", CharacterXPTransaction),
        ("kudos/award Alice = good sport 60", KudosTransaction),
        ("correct/kudos Alice = +60 : missed", KudosTransaction),
        ("correct/charxp Alice = +60 : missed", CharacterXPTransaction),
        ("correct/dev Alice = Lore +40 : missed", DevelopmentTransaction),
        ("correct/trait Alice = Lore +25 : starting value", TraitValueTransaction),
    ],
)
def test_a_large_staff_move_answers_that_it_waits_and_moves_nothing(
    play, staff, player, catalogue, typed, ledger
):
    out = play(staff, typed)

    request = StaffApprovalRequest.objects.get()
    assert out == WAITS.format(request.pk)
    assert not ledger.objects.exists()


def test_a_large_refund_waits(play, staff, account, player):
    warrior = ClassLevelUnlockFactory(
        character_class=CharacterClassFactory(name="Warrior"), target_level=1
    )
    price_unlock(warrior, 80)
    award_xp(account, 80)
    record = purchase_unlock(player, warrior)

    out = play(staff, "unlock/refund Alice = Warrior 1 : wrong class")

    assert out == WAITS.format(StaffApprovalRequest.objects.get().pk)
    assert CharacterUnlock.objects.get(pk=record.pk).refunded_date is None


def test_approve_lists_the_waiting_requests(play, staff, warden, player):
    play(staff, "xp/award Alice = 500 : the war")

    out = play(warden, "approve")

    assert "Waiting for a second staff member" in out
    assert "award Alice 500 XP: the war" in out
    assert "in 48 h" in out


def test_approve_with_nothing_waiting_says_so(play, warden):
    assert play(warden, "approve") == "No staff moves are waiting for approval."


def test_a_second_staff_member_approves_and_the_move_posts(play, staff, warden, account, player):
    play(staff, "xp/award Alice = 500 : the war")
    request = StaffApprovalRequest.objects.get()

    out = play(warden, f"approve {request.pk}")

    assert out == f"Approved request #{request.pk}: award Alice 500 XP: the war"
    assert XPTransaction.objects.get(account=account).amount == 500
    assert find_mismatches() == []


def test_the_requester_cannot_approve_and_reads_why(play, staff, account, player):
    play(staff, "xp/award Alice = 500")
    request = StaffApprovalRequest.objects.get()

    out = play(staff, f"approve #{request.pk}")

    assert out == "You asked for this; another staff member must approve it."
    assert not XPTransaction.objects.filter(account=account).exists()


def test_approve_reject_keeps_the_reason(play, staff, warden, player):
    play(staff, "xp/award Alice = 500")
    request = StaffApprovalRequest.objects.get()

    out = play(warden, f"approve/reject {request.pk} = far too much for one scene")

    assert out == f"Rejected request #{request.pk}: award Alice 500 XP"
    request.refresh_from_db()
    assert (request.status, request.decision_note) == (
        ApprovalStatus.REJECTED,
        "far too much for one scene",
    )


def test_the_requester_online_is_told_when_another_decides(
    play, staff, warden, player, staff_session, django_capture_on_commit_callbacks
):
    play(staff, "xp/award Alice = 500")
    request = StaffApprovalRequest.objects.get()
    evennia.SESSION_HANDLER.data_out.reset_mock()

    with django_capture_on_commit_callbacks(execute=True):
        play(warden, f"approve {request.pk}")

    warden_key = warden.account.key
    assert sent_to(staff_session) == [
        f"|yRequest #{request.pk} (award Alice 500 XP) was approved by {warden_key} and has "
        "posted.|n"
    ]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("approve twelve", "'twelve' is not a request number, e.g. 'approve 12'."),
        ("approve 999999", "There is no request #999999."),
        ("approve/reject 1", "Usage: approve/reject <number> = <reason>"),
    ],
)
def test_bad_approve_input_gets_one_line(play, warden, typed, message):
    out = play(warden, typed)

    assert out.startswith(message)
    assert "\n" not in out


def test_players_cannot_approve(play, player):
    assert play(player, "approve") == "Only staff can use approve."


@pytest.mark.parametrize("waiting", [1, 15])
def test_the_waiting_list_reads_the_same_few_queries_however_many_wait(
    play, staff, warden, player, waiting, django_assert_max_num_queries
):
    for n in range(waiting):
        play(staff, f"xp/award Alice = {100 + n}")

    # The staff check (2), the expiry sweep (1), the page with who asked (1) and Evennia's reads
    # of the account's options for the header and table (5): none grows with the requests.
    with django_assert_max_num_queries(9):
        out = play(warden, "approve")

    assert out.count("award Alice") == waiting
