"""An idempotency key names one request: the same request again returns the first result; the
same key for a different request is refused (IdempotencyConflictError) and changes nothing."""

import pytest

from world.progression.exceptions import IdempotencyConflictError
from world.progression.factories import ClassLevelUnlockFactory, price_unlock
from world.progression.models import CharacterUnlock, ExperiencePointsData, XPTransaction
from world.progression.services import award_xp, purchase_unlock

pytestmark = pytest.mark.django_db


def test_the_same_award_again_returns_the_first(account):
    first = award_xp(account, 5, idempotency_key="k1")

    assert award_xp(account, 5, idempotency_key="k1").pk == first.pk
    assert ExperiencePointsData.objects.get(account=account).total_earned == 5


@pytest.mark.parametrize(
    "changed", [{"amount": 500}, {"description": "other"}, {"reason": "gm_award"}]
)
def test_the_same_key_for_a_different_award_is_a_conflict(account, changed):
    award_xp(account, 5, idempotency_key="k1")
    request = {"amount": 5, "description": "", "reason": "system_award", **changed}

    with pytest.raises(IdempotencyConflictError):
        award_xp(account, idempotency_key="k1", **request)

    assert XPTransaction.objects.count() == 1
    assert ExperiencePointsData.objects.get(account=account).total_earned == 5


def test_the_same_key_for_another_account_is_a_conflict(account, other_account):
    award_xp(account, 5, idempotency_key="k1")

    with pytest.raises(IdempotencyConflictError):
        award_xp(other_account, 5, idempotency_key="k1")


def test_the_same_key_for_another_unlock_is_a_conflict(character, account):
    rogue, scholar = (
        ClassLevelUnlockFactory(target_level=1),
        ClassLevelUnlockFactory(target_level=1),
    )
    price_unlock(rogue, 10)
    price_unlock(scholar, 10)
    award_xp(account, 50)
    first = purchase_unlock(character, rogue, idempotency_key="buy")

    assert purchase_unlock(character, rogue, idempotency_key="buy").pk == first.pk
    with pytest.raises(IdempotencyConflictError):
        purchase_unlock(character, scholar, idempotency_key="buy")

    assert CharacterUnlock.objects.count() == 1
    assert ExperiencePointsData.objects.get(account=account).current_available == 40
