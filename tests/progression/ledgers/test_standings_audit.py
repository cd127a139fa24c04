"""Trait values and class levels are explained by their ledgers: the audit catches a value or
level changed behind the services' back, and `--fix` sets it back to what the ledgers say."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from world.classes.factories import CharacterClassFactory
from world.classes.models import CharacterClassLevel
from world.progression.factories import ClassLevelUnlockFactory, price_unlock
from world.progression.models import ClassLevelTransaction, TraitValueTransaction
from world.progression.selectors.audit import find_mismatches
from world.progression.services import (
    award_development_points,
    award_xp,
    purchase_unlock,
    refund_unlock,
)
from world.progression.services.corrections import correct_class_level, correct_trait_value
from world.progression.types import ProgressionReason
from world.traits.factories import TraitFactory
from world.traits.models import CharacterTraitValue

pytestmark = pytest.mark.django_db


def _audit(*args) -> str:
    out = StringIO()
    call_command("progression_audit", *args, stdout=out)
    return out.getvalue()


def _raw(sql: str, params) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.fixture
def warrior_level_one(character, account):
    """A class level bought with XP: the purchase is its ledger row."""
    unlock = ClassLevelUnlockFactory(character_class=CharacterClassFactory(name="Warrior"))
    price_unlock(unlock, 10)
    award_xp(account, 10)
    return purchase_unlock(character, unlock)


def test_a_trait_value_raised_behind_the_ledgers_back_is_caught_and_fixed(character):
    trait = TraitFactory(name="Lore")
    award_development_points(character, trait, "training", 7)
    _raw(
        "UPDATE traits_charactertraitvalue SET value = 60 WHERE character_id = %s",
        [character.pk],
    )

    with pytest.raises(CommandError, match="1 balance"):
        call_command("progression_audit", stdout=(out := StringIO()))
    assert f"trait values (Lore) of {character.key}: value 60 but ledger says 7" in out.getvalue()

    _audit("--fix")
    assert CharacterTraitValue.objects.get(character=character, trait=trait).value == 7
    assert "No mismatch" in _audit()


def test_a_trait_value_with_no_ledger_row_at_all_is_caught(character):
    trait = TraitFactory(name="Stealth")
    _raw(
        "INSERT INTO traits_charactertraitvalue (character_id, trait_id, value) "
        "VALUES (%s, %s, 30)",
        [character.pk, trait.pk],
    )

    assert [m.describe() for m in find_mismatches()] == [
        f"trait values (Stealth) of {character.key}: value 30 but ledger says 0"
    ]
    _audit("--fix")
    assert CharacterTraitValue.objects.get(character=character, trait=trait).value == 0


def test_a_class_level_raised_behind_the_ledgers_back_is_caught_and_fixed(
    character, warrior_level_one
):
    _raw("UPDATE classes_characterclasslevel SET level = 5 WHERE character_id = %s", [character.pk])

    with pytest.raises(CommandError, match="1 balance"):
        call_command("progression_audit", stdout=(out := StringIO()))
    assert f"class levels (Warrior) of {character.key}: level 5 but ledger says 1" in (
        out.getvalue()
    )

    _audit("--fix")
    assert CharacterClassLevel.objects.get(character=character).level == 1
    assert "No mismatch" in _audit()


def test_a_class_level_deleted_behind_the_ledgers_back_is_restored(character, warrior_level_one):
    _raw("DELETE FROM classes_characterclasslevel WHERE character_id = %s", [character.pk])

    assert "level None but ledger says 1" in find_mismatches()[0].describe()
    _audit("--fix")
    level = CharacterClassLevel.objects.get(character=character)
    assert (level.level, level.is_primary) == (1, True)


def test_a_class_level_no_ledger_explains_is_removed_by_fix(character):
    character_class = CharacterClassFactory(name="Thief")
    CharacterClassLevel.objects.create(character=character, character_class=character_class)

    assert len(find_mismatches()) == 1
    _audit("--fix")
    assert not CharacterClassLevel.objects.filter(character=character).exists()


def test_corrected_values_and_levels_leave_the_audit_clean(character, staff_account):
    trait, character_class = TraitFactory(), CharacterClassFactory()

    correct_trait_value(character, trait, 25, gm=staff_account, reason_text="Starting value")
    correct_trait_value(character, trait, -5, gm=staff_account, reason_text="Typo")
    correct_class_level(character, character_class, 2, gm=staff_account, reason_text="Grant")

    assert CharacterTraitValue.objects.get(character=character, trait=trait).value == 20
    assert CharacterClassLevel.objects.get(character=character).level == 2
    assert TraitValueTransaction.objects.filter(reason=ProgressionReason.CORRECTION).count() == 2
    assert find_mismatches() == []


def test_refunding_a_level_staff_raised_above_keeps_levels_explained(
    character, warrior_level_one, staff_account
):
    correct_class_level(
        character, warrior_level_one.character_class, 2, gm=staff_account, reason_text="Grant"
    )

    refund_unlock(warrior_level_one, staff_account, "bought by mistake")

    assert not CharacterClassLevel.objects.filter(character=character).exists()
    row = ClassLevelTransaction.objects.get(reason=ProgressionReason.REFUND)
    assert row.amount == -2
    assert find_mismatches() == []
