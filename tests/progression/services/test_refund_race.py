"""A refund and a purchase on one character take the same lock first, so they cannot interleave:
refunding level 2 while level 3 is being bought ends either with level 2 refunded and no level
3 (the purchase then needs level 2 first) or with both standing and the refund refused; never
with level 3 standing on a refunded level 2. Real threads against PostgreSQL's row locks."""

import threading

import pytest
from django.db import connection

from typeclasses.factories import AccountFactory, CharacterFactory
from world.classes.factories import CharacterClassFactory
from world.classes.models import CharacterClassLevel
from world.progression.exceptions import InvalidUnlockError, RequirementsNotMetError
from world.progression.factories import ClassLevelUnlockFactory, price_unlock
from world.progression.models import CharacterUnlock
from world.progression.selectors.audit import find_mismatches
from world.progression.services import award_xp, purchase_unlock, refund_unlock

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

TRIALS = 50


def race(first, second) -> list[Exception]:
    """Run both callables in two threads released together; return what they raised."""
    barrier = threading.Barrier(2)
    errors: list[Exception] = []

    def worker(call):
        try:
            barrier.wait()
            call()
        except (InvalidUnlockError, RequirementsNotMetError) as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(call,)) for call in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_a_refund_racing_the_next_purchase_never_breaks_the_level_chain(staff_account):
    outcomes = {"refunded first": 0, "bought first": 0}
    for trial in range(TRIALS):
        warrior = CharacterClassFactory(name=f"Warrior {trial}")
        levels = {
            n: ClassLevelUnlockFactory(character_class=warrior, target_level=n) for n in (1, 2, 3)
        }
        for unlock in levels.values():
            price_unlock(unlock, 10)
        account = AccountFactory()
        character = CharacterFactory(account=account)
        award_xp(account, 30)
        purchase_unlock(character, levels[1])
        level_two = purchase_unlock(character, levels[2])

        errors = race(
            lambda record=level_two: refund_unlock(record, staff_account),
            lambda who=character, level_three=levels[3]: purchase_unlock(who, level_three),
        )

        assert len(errors) == 1, errors
        standing = set(
            CharacterUnlock.objects.filter(
                character=character, refunded_date__isnull=True
            ).values_list("target_level", flat=True)
        )
        level = CharacterClassLevel.objects.get(character=character, character_class=warrior)
        if standing == {1}:
            outcomes["refunded first"] += 1
            assert level.level == 1
        else:
            outcomes["bought first"] += 1
            assert standing == {1, 2, 3} and level.level == 3
    assert sum(outcomes.values()) == TRIALS
    assert find_mismatches() == []
    print(f"\n{TRIALS} races, 0 broken chains: {outcomes}")
