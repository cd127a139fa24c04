"""The unlock catalogue kept in memory: a staff edit of a price, a requirement, an unlock or a
class is seen by the very next shop and purchase, a rolled-back edit is never seen, and a shop
or purchase reads only the catalogue's version token once the catalogue is in memory; after a
change, a purchase reads only its own offer."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from typeclasses.factories import CharacterFactory
from world.classes.factories import CharacterClassFactory, CharacterClassLevelFactory
from world.progression.exceptions import (
    InvalidUnlockError,
    NotForSaleError,
    RequirementsNotMetError,
    UnknownUnlockError,
)
from world.progression.factories import (
    ClassLevelRequirementFactory,
    ClassLevelUnlockFactory,
    LevelRequirementFactory,
    MultiClassLevelFactory,
    MultiClassRequirementFactory,
    TierRequirementFactory,
    TraitRequirementFactory,
    XPCostEntryFactory,
    price_unlock,
)
from world.progression.models import CharacterUnlock, XPCostEntry, bump_catalogue_version
from world.progression.services import (
    award_xp,
    get_available_unlocks_for_character,
    purchase_unlock,
)
from world.traits.factories import TraitFactory
from world.traits.models import CharacterTraitValue

pytestmark = pytest.mark.django_db


@pytest.fixture
def rich(character, account):
    award_xp(account, 1000)
    return character


@pytest.fixture
def knight():
    unlock = ClassLevelUnlockFactory(
        character_class=CharacterClassFactory(name="Knight"), target_level=1
    )
    price_unlock(unlock, 10)
    return unlock


def entries(character) -> dict[str, dict]:
    shop = get_available_unlocks_for_character(character)
    return {entry["name"]: entry for group in shop.values() for entry in group}


def test_a_new_price_is_charged_by_the_next_purchase(rich, knight):
    assert entries(rich)["Knight level 1"]["xp_cost"] == 10
    entry = XPCostEntry.objects.get(chart__class_costs__character_class=knight.character_class)
    entry.xp_cost = 25
    entry.save()

    assert entries(rich)["Knight level 1"]["xp_cost"] == 25
    assert purchase_unlock(rich, knight).xp_spent == 25


def test_a_deleted_price_takes_the_unlock_off_sale(rich, knight):
    entries(rich)
    XPCostEntry.objects.filter(chart__class_costs__character_class=knight.character_class).get(
        level=1
    ).delete()

    assert "Knight level 1" not in entries(rich)
    with pytest.raises(NotForSaleError):
        purchase_unlock(rich, knight)


def test_a_new_requirement_is_checked_by_the_next_purchase(rich, knight):
    assert entries(rich)["Knight level 1"]["requirements_met"]
    LevelRequirementFactory(class_level_unlock=knight, minimum_level=3)

    assert entries(rich)["Knight level 1"]["failed_requirements"] == [
        "Need a class at level 3, highest is 0"
    ]
    with pytest.raises(RequirementsNotMetError):
        purchase_unlock(rich, knight)


def test_a_deactivated_requirement_no_longer_blocks(rich, knight):
    requirement = LevelRequirementFactory(class_level_unlock=knight, minimum_level=3)
    assert not entries(rich)["Knight level 1"]["requirements_met"]
    requirement.is_active = False
    requirement.save()

    assert entries(rich)["Knight level 1"]["requirements_met"]
    assert purchase_unlock(rich, knight).xp_spent == 10


def test_a_class_added_to_a_multi_class_requirement_is_checked(rich, knight):
    requirement = MultiClassRequirementFactory(class_level_unlock=knight)
    MultiClassLevelFactory(multi_class_requirement=requirement, minimum_level=1)
    assert len(entries(rich)["Knight level 1"]["failed_requirements"]) == 1
    requirement.required_classes.add(
        CharacterClassFactory(name="Squire"), through_defaults={"minimum_level": 2}
    )

    assert "Squire 2 (have 0)" in entries(rich)["Knight level 1"]["failed_requirements"][0]


def test_a_new_unlock_is_on_sale_at_once(rich, knight):
    entries(rich)
    mage = ClassLevelUnlockFactory(character_class=CharacterClassFactory(name="Mage"))
    price_unlock(mage, 5)

    assert entries(rich)["Mage level 1"]["xp_cost"] == 5
    assert purchase_unlock(rich, mage).xp_spent == 5


def test_a_deleted_unlock_leaves_the_shop_and_cannot_be_bought(rich, knight):
    entries(rich)
    stale = type(knight).objects.get(pk=knight.pk)
    knight.delete()

    assert "Knight level 1" not in entries(rich)
    with pytest.raises(InvalidUnlockError):
        purchase_unlock(rich, stale)


def test_a_class_hidden_by_staff_is_no_longer_sold(rich, knight):
    entries(rich)
    knight.character_class.is_hidden = True
    knight.character_class.save()

    assert "Knight level 1" not in entries(rich)
    with pytest.raises(UnknownUnlockError):  # answered as missing: a hidden class is not named
        purchase_unlock(rich, knight)
    assert not CharacterUnlock.objects.exists()


def test_a_rolled_back_edit_is_never_seen(rich, knight):
    entries(rich)
    entry = XPCostEntry.objects.get(chart__class_costs__character_class=knight.character_class)
    with pytest.raises(RuntimeError), transaction.atomic():
        entry.xp_cost = 99
        entry.save()
        assert entries(rich)["Knight level 1"]["xp_cost"] == 99
        raise RuntimeError("the admin's save failed")

    assert entries(rich)["Knight level 1"]["xp_cost"] == 10
    assert purchase_unlock(rich, knight).xp_spent == 10


def test_a_bulk_write_is_seen_once_the_version_is_bumped(rich, knight):
    entries(rich)
    XPCostEntry.objects.filter(level=1).update(xp_cost=7)  # sends no signal
    bump_catalogue_version()

    assert entries(rich)["Knight level 1"]["xp_cost"] == 7


def test_a_shop_in_memory_reads_no_catalogue_table(rich, knight):
    XPCostEntryFactory()  # any edit: a new version
    entries(rich)  # reads the catalogue

    with CaptureQueriesContext(connection) as read:
        entries(rich)

    tables = " ".join(query["sql"] for query in read.captured_queries)
    assert "progression_catalogueversion" in tables
    for table in ("classlevelunlock", "traitratingunlock", "requirement", "xpcost"):
        assert table not in tables


def test_unlocks_sharing_some_requirements_each_get_their_own_verdict(rich):
    # The catalogue numbers each distinct set of requirements and a shop works out each set's
    # failures once: a set that only begins like another must not borrow its answer.
    def unlock(name, *requirements):
        made = ClassLevelUnlockFactory(
            character_class=CharacterClassFactory(name=name), target_level=1
        )
        price_unlock(made, 10)
        for factory, fields in requirements:
            factory(class_level_unlock=made, **fields)

    level = (LevelRequirementFactory, {"minimum_level": 1})
    unlock("Archer", level)
    unlock("Bard")
    unlock("Cleric", level, (TierRequirementFactory, {"minimum_tier": 1}))
    unlock("Druid", level)

    shop = entries(rich)
    failed = {
        name: shop[f"{name} level 1"]["failed_requirements"]
        for name in ["Archer", "Bard", "Cleric", "Druid"]
    }

    assert len(failed["Archer"]) == 1
    assert failed["Bard"] == []
    assert len(failed["Cleric"]) == 2 and failed["Archer"][0] in failed["Cleric"]
    assert failed["Druid"] == failed["Archer"]
    assert [shop[f"{name} level 1"]["requirements_met"] for name in ("Archer", "Bard")] == [
        False,
        True,
    ]


# --- The cold catalogue: the first purchase and shop after an edit or a restart ---------------

# A purchase with the catalogue in memory: the transaction (its savepoint here), the token, the
# character's traits, classes and unlocks, the owner, the pools, the purchase row, the pool
# taken from and its ledger row, the new class level; and the lock where rows can be locked.
WARM_PURCHASE = 12
# After a catalogue change a purchase reads its own offer only: its unlock with its class, its
# requirements of all kinds and its price, in one statement.
OFFER_READ = 1


@pytest.fixture
def qualified(rich):
    """A Knight level 1 with three requirements (a trait, any level, a class level), all met."""
    unlock = ClassLevelUnlockFactory(
        character_class=CharacterClassFactory(name="Knight"), target_level=1
    )
    price_unlock(unlock, 10)
    might, squire = TraitFactory(name="Might"), CharacterClassFactory(name="Squire")
    TraitRequirementFactory(class_level_unlock=unlock, trait=might, minimum_value=10)
    LevelRequirementFactory(class_level_unlock=unlock, minimum_level=1)
    ClassLevelRequirementFactory(class_level_unlock=unlock, character_class=squire, minimum_level=1)
    CharacterTraitValue.objects.create(character=rich, trait=might, value=20)
    CharacterClassLevelFactory(character=rich, character_class=squire, level=1)
    return unlock


def test_the_first_purchase_after_a_catalogue_change_reads_only_its_own_offer(
    rich, qualified, django_assert_max_num_queries
):
    entries(rich)  # the whole catalogue in memory, then a staff edit replaces its token
    bump_catalogue_version()
    locks = 1 if connection.features.has_select_for_update else 0

    with django_assert_max_num_queries(WARM_PURCHASE + locks + OFFER_READ) as read:
        record = purchase_unlock(rich, qualified)

    assert record.xp_spent == 10
    tables = " ".join(query["sql"] for query in read.captured_queries)
    assert "progression_traitratingunlock" not in tables  # not the whole catalogue


def test_the_offer_read_alone_is_kept_for_the_next_purchase(rich, account, qualified):
    bump_catalogue_version()
    purchase_unlock(rich, qualified)
    again = CharacterFactory(account=account)  # meets none of the requirements

    with CaptureQueriesContext(connection) as read, pytest.raises(RequirementsNotMetError):
        purchase_unlock(again, qualified)

    tables = " ".join(query["sql"] for query in read.captured_queries)
    assert "progression_classlevelunlock" not in tables
    assert "requirement" not in tables
