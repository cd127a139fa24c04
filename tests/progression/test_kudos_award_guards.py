"""Staff kudos awards name only the awarded account's own characters, and kudos awards and
claims refuse amounts above their configured maximum; a refusal changes nothing."""

import pytest
from evennia.utils import create
from rest_framework.test import APIClient

from typeclasses.factories import CharacterFactory
from world.progression.conf import progression_settings
from world.progression.exceptions import InvalidAmountError, NotTheirCharacterError
from world.progression.factories import KudosClaimCategoryFactory, KudosSourceCategoryFactory
from world.progression.models import (
    ExperiencePointsData,
    KudosPointsData,
    KudosRewardKind,
    KudosRewardRequest,
    KudosTransaction,
)
from world.progression.services import award_kudos, claim_kudos

pytestmark = pytest.mark.django_db
AWARD_KUDOS = "/api/progression/staff/award-kudos/"
CLAIM_KUDOS = "/api/progression/kudos/claim/"


@pytest.fixture
def source():
    return KudosSourceCategoryFactory(name="staff-pick", display_name="Staff pick")


@pytest.fixture
def staff_client(staff_account):
    client = APIClient()
    client.force_login(staff_account)
    return client


def test_kudos_for_the_accounts_own_character_are_recorded_with_it(account, character, source):
    result = award_kudos(account, 3, source, "Great scene", character=character)

    assert result.transaction.character_id == character.pk


def test_kudos_naming_another_accounts_character_are_refused(account, other_account, source):
    theirs = CharacterFactory(account=other_account)

    with pytest.raises(NotTheirCharacterError):
        award_kudos(account, 3, source, "Great scene", character=theirs)
    assert not KudosTransaction.objects.exists()
    assert not KudosPointsData.objects.filter(account=account).exists()


def test_kudos_naming_a_room_are_refused(account, source):
    room = create.create_object("typeclasses.rooms.Room", key="Harbour")

    with pytest.raises(NotTheirCharacterError) as refused:
        award_kudos(account, 3, source, "Great scene", character=room)
    assert refused.value.code == "not_their_character"
    assert not KudosTransaction.objects.exists()


def test_the_staff_api_answers_400_for_another_accounts_character(
    staff_client, account, other_account, source
):
    theirs = CharacterFactory(account=other_account)

    response = staff_client.post(
        AWARD_KUDOS,
        {
            "account": account.username,
            "category": source.name,
            "amount": 3,
            "description": "Great scene",
            "character": theirs.pk,
        },
        format="json",
    )

    assert response.status_code == 400
    # The API refuses it while validating the request, naming the field, before the service
    # (which refuses it too, with NotTheirCharacterError) is called.
    assert response.json()["code"] == "invalid"
    assert "character" in response.json()["fields"]
    assert not KudosTransaction.objects.exists()


def test_an_award_above_the_maximum_is_refused(account, source, settings):
    settings.PROGRESSION_MAX_KUDOS_AWARD = 50
    award_kudos(account, 50, source)

    with pytest.raises(InvalidAmountError, match="at most 50"):
        award_kudos(account, 51, source)
    assert KudosPointsData.objects.get(account=account).total_earned == 50
    assert KudosTransaction.objects.count() == 1


def test_a_claim_above_the_maximum_is_refused(account, source, settings):
    settings.PROGRESSION_MAX_KUDOS_CLAIM = 20
    xp = KudosClaimCategoryFactory(name="xp", kudos_cost=10, reward_kind=KudosRewardKind.XP)
    award_kudos(account, 30, source)

    with pytest.raises(InvalidAmountError, match="at most 20"):
        claim_kudos(account, 30, xp)
    assert KudosPointsData.objects.get(account=account).total_claimed == 0
    assert not ExperiencePointsData.objects.filter(account=account).exists()
    assert not KudosRewardRequest.objects.exists()


def test_the_api_refuses_a_huge_award_with_400_and_changes_nothing(staff_client, account, source):
    response = staff_client.post(
        AWARD_KUDOS,
        {
            "account": account.username,
            "category": source.name,
            "amount": 9223372036854775807,
            "description": "Overflow",
        },
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert "amount" in response.json()["fields"]
    assert not KudosPointsData.objects.filter(account=account).exists()


def test_the_api_refuses_a_claim_above_the_maximum_with_400(account, source):
    KudosClaimCategoryFactory(name="xp", kudos_cost=1, reward_kind=KudosRewardKind.XP)
    award_kudos(account, 10, source)
    player = APIClient()
    player.force_login(account)

    response = player.post(
        CLAIM_KUDOS,
        {"category": "xp", "amount": progression_settings.MAX_KUDOS_CLAIM + 1},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert "amount" in response.json()["fields"]
    assert KudosPointsData.objects.get(account=account).total_claimed == 0
