"""give_kudos, the service behind kudos/give: the weekly limit holds under concurrent gives."""

import threading

import pytest
from django.db import connection

from typeclasses.factories import AccountFactory
from world.progression.exceptions import AwardLimitError, ProgressionError, SelfAwardError
from world.progression.models import KudosPointsData, KudosTransaction
from world.progression.selectors.players import same_player
from world.progression.services.kudos_giving import give_kudos, gives_left_this_week


def test_an_account_with_the_same_email_in_other_case_is_the_same_player(db):
    giver = AccountFactory(email="Ann@Example.com")

    assert same_player(giver, AccountFactory(email="ann@example.COM"))
    assert not same_player(giver, AccountFactory(email="other@example.com"))


def test_accounts_without_an_email_are_not_taken_for_alts(db):
    assert not same_player(AccountFactory(email=""), AccountFactory(email=""))


def test_an_empty_reason_is_refused(account, other_account, vote_category):
    with pytest.raises(ProgressionError, match="Say why"):
        give_kudos(account, other_account, "   ")
    assert not KudosTransaction.objects.exists()


def test_giving_to_yourself_raises_self_award(account, vote_category):
    with pytest.raises(SelfAwardError):
        give_kudos(account, account, "me")


def test_each_give_uses_one_of_the_weekly_gives(account, other_account, vote_category, settings):
    settings.PROGRESSION_KUDOS_GIVES_PER_WEEK = 3
    give_kudos(account, other_account, "thanks")

    assert gives_left_this_week(account) == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_gives_never_pass_the_weekly_limit(vote_category, settings):
    settings.PROGRESSION_KUDOS_GIVES_PER_WEEK = 2
    giver = AccountFactory()
    recipients = [AccountFactory() for _ in range(6)]
    outcomes = []
    start = threading.Barrier(len(recipients))

    def give(recipient):
        try:
            start.wait()
            give_kudos(giver, recipient, "thanks")
            outcomes.append("given")
        except AwardLimitError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=give, args=(r,)) for r in recipients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["given", "given"] + ["refused"] * 4
    assert KudosTransaction.objects.filter(awarded_by=giver).count() == 2
    assert sum(row.total_earned for row in KudosPointsData.objects.all()) == 2 * 2
