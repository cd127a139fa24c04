"""Trait values and class levels are read-only in the admin: they change only through the
correction and award actions, which post a ledger row. Staff faces for character XP, kudos,
development and creation-point conversion work the same way."""

import pytest
from django.contrib.admin import helpers
from django.urls import reverse

from world.classes.factories import CharacterClassFactory
from world.classes.models import CharacterClassLevel
from world.progression.factories import KudosSourceCategoryFactory
from world.progression.models import (
    CharacterOwner,
    CharacterXP,
    CharacterXPTransaction,
    ClassLevelTransaction,
    DevelopmentPoints,
    DevelopmentTransaction,
    KudosPointsData,
    KudosTransaction,
    TraitValueTransaction,
)
from world.progression.selectors.audit import find_mismatches
from world.progression.services import award_character_xp, award_development_points, award_kudos
from world.progression.services.corrections import correct_class_level, correct_trait_value
from world.progression.types import DevelopmentSource, ProgressionReason
from world.traits.factories import TraitFactory
from world.traits.models import CharacterTraitValue

pytestmark = pytest.mark.django_db
CORRECTION = ProgressionReason.CORRECTION


@pytest.fixture
def trait_value(character, staff_account):
    correct_trait_value(character, TraitFactory(name="Lore"), 20, gm=staff_account, reason_text="x")
    return CharacterTraitValue.objects.get(character=character)


@pytest.fixture
def class_level(character, staff_account):
    correct_class_level(character, CharacterClassFactory(), 2, gm=staff_account, reason_text="x")
    return CharacterClassLevel.objects.get(character=character)


def _act(admin_client, changelist: str, action: str, rows, **fields):
    return admin_client.post(
        reverse(f"admin:{changelist}_changelist"),
        {
            "action": action,
            helpers.ACTION_CHECKBOX_NAME: [row.pk for row in rows],
            "apply": "1",
            **fields,
        },
    )


def test_a_trait_value_cannot_be_edited_added_or_deleted_in_the_admin(admin_client, trait_value):
    change = reverse("admin:traits_charactertraitvalue_change", args=[trait_value.pk])
    delete = reverse("admin:traits_charactertraitvalue_delete", args=[trait_value.pk])

    admin_client.post(
        change,
        {"character": trait_value.character_id, "trait": trait_value.trait_id, "value": 90},
    )
    assert admin_client.get(reverse("admin:traits_charactertraitvalue_add")).status_code == 403
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403

    trait_value.refresh_from_db()
    assert trait_value.value == 20
    assert b'name="value"' not in admin_client.get(change).content


def test_a_class_level_cannot_be_edited_added_or_deleted_in_the_admin(admin_client, class_level):
    change = reverse("admin:classes_characterclasslevel_change", args=[class_level.pk])
    delete = reverse("admin:classes_characterclasslevel_delete", args=[class_level.pk])

    admin_client.post(
        change,
        {
            "character": class_level.character_id,
            "character_class": class_level.character_class_id,
            "level": 9,
        },
    )
    assert admin_client.get(reverse("admin:classes_characterclasslevel_add")).status_code == 403
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403

    class_level.refresh_from_db()
    assert class_level.level == 2


def test_the_trait_value_correction_action_posts_a_ledger_row(admin_client, superuser, trait_value):
    response = _act(
        admin_client,
        "traits_charactertraitvalue",
        "correct_value_action",
        [trait_value],
        amount="-5",
        reason_text="Creation typo",
    )

    assert response.status_code == 302
    trait_value.refresh_from_db()
    assert trait_value.value == 15
    row = TraitValueTransaction.objects.get(amount=-5)
    assert (row.reason, row.description, row.gm) == (CORRECTION, "Creation typo", superuser)
    assert find_mismatches() == []


def test_the_class_level_correction_action_posts_a_ledger_row(admin_client, superuser, class_level):
    _act(
        admin_client,
        "classes_characterclasslevel",
        "correct_level_action",
        [class_level],
        amount="1",
        reason_text="Missed milestone",
    )

    class_level.refresh_from_db()
    assert class_level.level == 3
    row = ClassLevelTransaction.objects.get(amount=1)
    assert (row.reason, row.description, row.gm) == (CORRECTION, "Missed milestone", superuser)
    assert find_mismatches() == []


@pytest.mark.parametrize("source", [DevelopmentSource.QUEST, DevelopmentSource.EXPLORATION])
def test_the_development_award_action_records_quest_and_exploration(
    admin_client, superuser, trait_value, source
):
    _act(
        admin_client,
        "traits_charactertraitvalue",
        "award_development_action",
        [trait_value],
        source=source,
        amount="4",
        description="Found the lost library",
    )

    row = DevelopmentTransaction.objects.get()
    assert (row.source, row.reason, row.amount, row.gm) == (
        source,
        ProgressionReason.GM_AWARD,
        4,
        superuser,
    )
    trait_value.refresh_from_db()
    assert trait_value.value == 24
    assert find_mismatches() == []


def test_the_development_correction_action_on_development_points(admin_client, character):
    trait = TraitFactory()
    award_development_points(character, trait, "training", 6)
    points = DevelopmentPoints.objects.get(character=character)

    _act(
        admin_client,
        "progression_developmentpoints",
        "correct_development_action",
        [points],
        amount="-2",
        reason_text="Farmed scene",
    )

    points.refresh_from_db()
    assert points.total_earned == 4
    assert DevelopmentTransaction.objects.get(reason=CORRECTION).description == "Farmed scene"
    assert find_mismatches() == []


def test_the_character_xp_award_and_correction_actions(admin_client, superuser, character):
    award_character_xp(character, 10)
    pool = CharacterXP.objects.get(character=character)

    _act(
        admin_client,
        "progression_characterxp",
        "award_action",
        [pool],
        amount="7",
        description="Ran a plot",
    )
    _act(
        admin_client,
        "progression_characterxp",
        "correct_action",
        [pool],
        amount="-3",
        reason_text="Wrong character",
    )

    pool.refresh_from_db()
    assert (pool.total_earned, pool.total_spent) == (14, 0)
    award = CharacterXPTransaction.objects.get(reason=ProgressionReason.GM_AWARD)
    assert (award.amount, award.gm) == (7, superuser)
    assert CharacterXPTransaction.objects.get(reason=CORRECTION).amount == -3
    assert find_mismatches() == []


def test_the_kudos_correction_action(admin_client, superuser, account, other_account):
    award_kudos(account, 10, KudosSourceCategoryFactory(), awarded_by=other_account)
    balance = KudosPointsData.objects.get(account=account)

    _act(
        admin_client,
        "progression_kudospointsdata",
        "correct_kudos_action",
        [balance],
        amount="-4",
        reason_text="Self-dealing",
    )

    balance.refresh_from_db()
    assert (balance.total_earned, balance.total_claimed) == (6, 0)
    assert KudosTransaction.objects.get(reason=CORRECTION).awarded_by == superuser
    assert find_mismatches() == []


def test_the_conversion_action_gives_locked_xp_once(admin_client, character):
    owner = CharacterOwner.objects.get(character=character)

    _act(
        admin_client,
        "progression_characterowner",
        "convert_creation_points_action",
        [owner],
        remaining_cg_points="5",
        conversion_rate="2",
    )

    row = CharacterXPTransaction.objects.get(character=character)
    assert (row.amount, row.transferable, row.reason) == (
        10,
        False,
        ProgressionReason.CG_CONVERSION,
    )
