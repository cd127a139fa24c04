"""The unlock catalogue kept in memory: a staff edit of a price, a requirement, an unlock or a
class is seen by the very next shop and purchase, a rolled-back edit is never seen, and a shop
or purchase reads only the catalogue's version token once the catalogue is in memory."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from world.classes.factories import CharacterClassFactory
from world.progression.exceptions import (
    InvalidUnlockError,
    NotForSaleError,
    RequirementsNotMetError,
    UnknownUnlockError,
)
from world.progression.factories import (
    ClassLevelUnlockFactory,
    LevelRequirementFactory,
    MultiClassLevelFactory,
    MultiClassRequirementFactory,
    TierRequirementFactory,
    XPCostEntryFactory,
    price_unlock,
)
from world.progression.models import CharacterUnlock, XPCostEntry, bump_catalogue_version
from world.progression.services import (
    award_xp,
    get_available_unlocks_for_character,
    purchase_unlock,
)

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
