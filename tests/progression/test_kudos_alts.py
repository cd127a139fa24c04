"""Alts: kudos/give refuses an account with the same mailbox however the address is written, and
the economy report lists possible alts (same mailbox, same creation IP) for staff."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from typeclasses.factories import AccountFactory
from world.progression.exceptions import SelfAwardError, UnknownPlayerError
from world.progression.factories import KudosSourceCategoryFactory
from world.progression.models import KudosTransaction
from world.progression.selectors.reports import economy_report
from world.progression.services import award_kudos
from world.progression.services.kudos_giving import give_kudos
from world.progression.services.players import confirm_own_player

pytestmark = pytest.mark.django_db


@pytest.fixture
def vote(settings):
    return KudosSourceCategoryFactory(name=settings.PROGRESSION_KUDOS_GIVE_CATEGORY)


@pytest.mark.parametrize(
    "alt_email", ["ann+alt@example.com", "ANN@example.com", " Ann+2@Example.COM "]
)
def test_giving_to_an_alt_with_a_variant_of_your_email_is_refused(vote, alt_email):
    giver = AccountFactory(email="ann@example.com")
    alt = AccountFactory(email=alt_email)

    with pytest.raises(SelfAwardError, match="alt"):
        give_kudos(giver, alt, "thanks")
    assert not KudosTransaction.objects.exists()


def test_accounts_without_email_cannot_thank_each_other_until_staff_confirm_them(
    vote, staff_account
):
    # An account without an email could be anyone's alt (issue 20).
    giver, recipient = AccountFactory(email=""), AccountFactory(email="")
    with pytest.raises(UnknownPlayerError):
        give_kudos(giver, recipient, "thanks")

    for account in (giver, recipient):
        confirm_own_player(account=account, by=staff_account, note="known to staff")
    give_kudos(giver, recipient, "thanks")

    assert KudosTransaction.objects.count() == 1


def report():
    return economy_report(date.today() - timedelta(days=7), date.today())


def test_report_lists_accounts_with_the_same_mailbox(vote):
    ann, alt, stranger = (
        AccountFactory(email="ann@example.com"),
        AccountFactory(email="Ann+alt@example.com"),
        AccountFactory(email="bob@example.com"),
    )
    award_kudos(alt, 1, vote, "x", awarded_by=stranger)
    award_kudos(ann, 1, vote, "x", awarded_by=stranger)

    assert report()["possible_alts"] == [
        {"shared": "email", "value": "ann@example.com", "accounts": sorted([ann.key, alt.key])}
    ]


def test_report_lists_accounts_created_from_the_same_ip(vote):
    first, second, third = AccountFactory(), AccountFactory(), AccountFactory()
    for account, ip in ((first, "203.0.113.7"), (second, "203.0.113.7"), (third, "198.51.100.1")):
        account.db.creator_ip = ip
    award_kudos(first, 1, vote, "x", awarded_by=second)
    award_kudos(third, 1, vote, "x", awarded_by=first)

    shared = {"shared": "creation IP", "value": "203.0.113.7"}
    assert report()["possible_alts"] == [{**shared, "accounts": sorted([first.key, second.key])}]


def test_report_ignores_accounts_without_email_or_outside_the_period(vote):
    first, second = AccountFactory(email=""), AccountFactory(email="")
    award_kudos(first, 1, vote, "x", awarded_by=second)
    # The same mailbox, but neither gave nor got kudos in the period.
    AccountFactory(email="solo@example.com")
    AccountFactory(email="SOLO@example.com")

    assert report()["possible_alts"] == []


def test_report_command_prints_possible_alts(vote):
    ann, alt = AccountFactory(email="ann@example.com"), AccountFactory(email="ann+2@example.com")
    award_kudos(ann, 1, vote, "x", awarded_by=alt)
    out = StringIO()

    call_command("progression_report", stdout=out)

    text = out.getvalue()
    assert "Possible alts" in text
    assert "ann@example.com" in text and ann.key in text and alt.key in text
