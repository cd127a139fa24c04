"""Staff-only POST endpoints to award XP and kudos."""

import pytest

from world.progression.factories import KudosSourceCategoryFactory
from world.progression.models import ExperiencePointsData, KudosTransaction, XPTransaction

pytestmark = pytest.mark.django_db
AWARD_XP = "/api/progression/staff/award-xp/"
AWARD_KUDOS = "/api/progression/staff/award-kudos/"


def test_staff_awards_xp_recorded_with_the_staff_account(staff, staff_account, account):
    response = staff.post(
        AWARD_XP,
        {"account": account.username, "amount": 25, "description": "Plot prize"},
        format="json",
    )

    assert response.status_code == 201
    assert ExperiencePointsData.objects.get(account=account).total_earned == 25
    assert XPTransaction.objects.get(account=account).gm_id == staff_account.pk


@pytest.mark.parametrize("url", [AWARD_XP, AWARD_KUDOS])
def test_players_cannot_use_staff_endpoints(player, other_account, url):
    response = player.post(
        url,
        {"account": other_account.username, "amount": 5, "category": "x", "description": "x"},
        format="json",
    )

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_staff_awards_kudos_in_a_staff_only_category(staff, staff_account, account):
    KudosSourceCategoryFactory(name="event-host", staff_only=True, default_amount=3)

    response = staff.post(
        AWARD_KUDOS,
        {"account": account.username, "category": "event-host", "description": "Ran an event"},
        format="json",
    )

    assert response.status_code == 201
    row = KudosTransaction.objects.get(account=account)
    assert (row.amount, row.awarded_by_id) == (3, staff_account.pk)


def test_staff_cannot_award_kudos_to_themselves(staff, staff_account):
    KudosSourceCategoryFactory(name="helpful")

    response = staff.post(
        AWARD_KUDOS,
        {"account": staff_account.username, "category": "helpful", "description": "Me!"},
        format="json",
    )

    assert response.status_code == 403
    assert response.json()["code"] == "self_award"
    assert not KudosTransaction.objects.exists()


def test_award_to_an_unknown_account_is_a_404(staff):
    response = staff.post(
        AWARD_XP, {"account": "nobody-at-all", "amount": 5, "description": "x"}, format="json"
    )

    assert response.status_code == 404


def test_repeated_award_with_the_same_key_awards_once(staff, account):
    body = {"account": account.username, "amount": 5, "description": "Once"}
    headers = {"Idempotency-Key": "award-1"}

    staff.post(AWARD_XP, body, format="json", headers=headers)
    staff.post(AWARD_XP, body, format="json", headers=headers)

    assert ExperiencePointsData.objects.get(account=account).total_earned == 5


def test_staff_award_kudos_for_one_of_the_accounts_characters(staff, account, character):
    KudosSourceCategoryFactory(name="helpful")

    response = staff.post(
        AWARD_KUDOS,
        {
            "account": account.username,
            "category": "helpful",
            "description": "Great scene",
            "character": character.pk,
        },
        format="json",
    )

    assert response.status_code == 201
    assert KudosTransaction.objects.get(account=account).character_id == character.pk


@pytest.mark.parametrize("what", ["room", "another account's character"])
def test_staff_award_kudos_naming_something_not_the_accounts_character_is_a_400(
    staff, account, other_account, what
):
    from evennia.utils import create

    from typeclasses.factories import CharacterFactory

    KudosSourceCategoryFactory(name="helpful")
    if what == "room":
        target = create.create_object("typeclasses.rooms.Room", key="Tavern")
    else:
        target = CharacterFactory(account=other_account)

    response = staff.post(
        AWARD_KUDOS,
        {
            "account": account.username,
            "category": "helpful",
            "description": "x",
            "character": target.pk,
        },
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert "character" in response.json()["fields"]
    assert not KudosTransaction.objects.exists()
