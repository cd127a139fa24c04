"""Staff change balances only through admin actions and forms that call the services."""

import pytest
from django.contrib.admin import helpers
from django.urls import reverse

from typeclasses.factories import AccountFactory
from world.progression.factories import KudosSourceCategoryFactory
from world.progression.models import (
    ExperiencePointsData,
    KudosPointsData,
    KudosTransaction,
    XPTransaction,
)
from world.progression.services.ledger import Pool, post
from world.progression.services.xp import post_account_xp
from world.progression.types import ProgressionReason

pytestmark = pytest.mark.django_db
XP_BALANCES = reverse("admin:progression_experiencepointsdata_changelist")


@pytest.fixture
def balance(account):
    post_account_xp(account, 40, reason=ProgressionReason.GM_AWARD)
    return ExperiencePointsData.objects.get(account=account)


@pytest.fixture
def ledger_row(balance):
    return XPTransaction.objects.get(account=balance.account)


def test_ledger_rows_cannot_be_added_changed_or_deleted(admin_client, ledger_row):
    change_url = reverse("admin:progression_xptransaction_change", args=[ledger_row.pk])
    delete_url = reverse("admin:progression_xptransaction_delete", args=[ledger_row.pk])

    assert admin_client.get(reverse("admin:progression_xptransaction_add")).status_code == 403
    admin_client.post(change_url, {"amount": 9999, "reason": "gm_award"})
    assert admin_client.post(delete_url, {"post": "yes"}).status_code == 403

    ledger_row.refresh_from_db()
    assert ledger_row.amount == 40


def test_balance_totals_are_read_only_on_the_change_page(admin_client, balance):
    change_url = reverse("admin:progression_experiencepointsdata_change", args=[balance.pk])

    page = admin_client.get(change_url)
    admin_client.post(change_url, {"total_earned": 9999, "total_spent": 0})

    assert b'name="total_earned"' not in page.content
    balance.refresh_from_db()
    assert balance.total_earned == 40


def test_correct_balance_action_posts_a_correction_by_the_acting_staff(
    admin_client, superuser, balance
):
    response = admin_client.post(
        XP_BALANCES,
        {
            "action": "correct_balance_action",
            helpers.ACTION_CHECKBOX_NAME: [balance.pk],
            "apply": "1",
            "amount": "-15",
            "reason_text": "Double-counted scene award",
        },
    )

    assert response.status_code == 302
    balance.refresh_from_db()
    assert (balance.total_earned, balance.total_spent) == (25, 0)
    row = XPTransaction.objects.get(reason=ProgressionReason.CORRECTION)
    assert row.amount == -15
    assert row.gm_id == superuser.pk
    assert row.description == "Double-counted scene award"


def test_correction_form_is_shown_first_and_nothing_changes(admin_client, balance):
    response = admin_client.post(
        XP_BALANCES,
        {"action": "correct_balance_action", helpers.ACTION_CHECKBOX_NAME: [balance.pk]},
    )

    assert response.status_code == 200
    assert b'name="reason_text"' in response.content
    assert not XPTransaction.objects.filter(reason=ProgressionReason.CORRECTION).exists()


def test_correction_larger_than_available_is_refused_and_changes_nothing(admin_client, balance):
    response = admin_client.post(
        XP_BALANCES,
        {
            "action": "correct_balance_action",
            helpers.ACTION_CHECKBOX_NAME: [balance.pk],
            "apply": "1",
            "amount": "-500",
            "reason_text": "Too much",
        },
        follow=True,
    )

    assert b"Insufficient XP" in response.content
    balance.refresh_from_db()
    assert balance.total_earned == 40


def test_award_xp_action_awards_through_the_service_as_the_acting_staff(
    admin_client, superuser, balance
):
    admin_client.post(
        XP_BALANCES,
        {
            "action": "award_xp_action",
            helpers.ACTION_CHECKBOX_NAME: [balance.pk],
            "apply": "1",
            "amount": "10",
            "description": "Event prize",
        },
    )

    balance.refresh_from_db()
    assert balance.total_earned == 50
    row = XPTransaction.objects.get(description="Event prize")
    assert (row.amount, row.reason, row.gm_id) == (10, ProgressionReason.GM_AWARD, superuser.pk)


def test_award_xp_form_awards_an_account_that_never_earned_any(admin_client, superuser):
    newcomer = AccountFactory(key="Newcomer")

    response = admin_client.post(
        reverse("admin:progression_experiencepointsdata_award"),
        {"account": "newcomer", "amount": "5", "description": "Welcome"},
    )

    assert response.status_code == 302
    assert ExperiencePointsData.objects.get(account=newcomer).total_earned == 5
    assert XPTransaction.objects.get(account=newcomer).gm_id == superuser.pk


def test_award_xp_form_names_an_unknown_account(admin_client):
    response = admin_client.post(
        reverse("admin:progression_experiencepointsdata_award"),
        {"account": "nobody", "amount": "5", "description": "Welcome"},
    )

    assert response.status_code == 200
    assert b"No account is named" in response.content
    assert not XPTransaction.objects.exists()


def test_kudos_balance_links_to_the_accounts_transactions(admin_client, account):
    post(
        Pool(KudosPointsData, {"account_id": account.pk}, spent_field="total_claimed"),
        KudosTransaction,
        earned_delta=3,
        spent_delta=0,
        ledger_fields={
            "account": account,
            "amount": 3,
            "source_category": KudosSourceCategoryFactory(name="good-sport"),
        },
    )
    response = admin_client.get(reverse("admin:progression_kudospointsdata_changelist"))

    link = f"/admin/progression/kudostransaction/?account__id__exact={account.pk}"
    assert link.encode() in response.content
    assert admin_client.get(link).status_code == 200


def test_refund_unlock_action_refunds_through_the_service_as_the_acting_staff(
    admin_client, superuser, account
):
    from typeclasses.factories import CharacterFactory
    from world.classes.factories import CharacterClassFactory
    from world.progression.factories import (
        ClassLevelUnlockFactory,
        ClassXPCostFactory,
        XPCostChartFactory,
        XPCostEntryFactory,
    )
    from world.progression.models import CharacterUnlock
    from world.progression.services.spends import purchase_unlock

    character = CharacterFactory(account=account)
    warrior = CharacterClassFactory(name="Warrior")
    chart = XPCostChartFactory(name="Standard")
    XPCostEntryFactory(chart=chart, level=1, xp_cost=10)
    ClassXPCostFactory(character_class=warrior, cost_chart=chart)
    post_account_xp(account, 30, reason=ProgressionReason.GM_AWARD)
    bought = purchase_unlock(character, ClassLevelUnlockFactory(character_class=warrior))

    admin_client.post(
        reverse("admin:progression_characterunlock_changelist"),
        {
            "action": "refund_unlock_action",
            helpers.ACTION_CHECKBOX_NAME: [bought.pk],
            "apply": "1",
            "reason": "Bought by mistake",
        },
    )

    refunded = CharacterUnlock.objects.get(pk=bought.pk)
    assert refunded.refunded_by_id == superuser.pk
    assert ExperiencePointsData.objects.get(account=account).current_available == 30
    assert XPTransaction.objects.filter(reason=ProgressionReason.REFUND, amount=10).exists()
