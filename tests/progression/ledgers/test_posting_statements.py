"""A posting is two statements, and the balance it answers with is the one the database holds."""

from django.db import connection
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext

from world.progression.factories import KudosClaimCategoryFactory, KudosSourceCategoryFactory
from world.progression.models import KudosPointsData, XPTransaction
from world.progression.services import award_kudos, award_xp, claim_kudos


def test_award_xp_is_one_update_and_one_insert(account, django_assert_num_queries):
    award_xp(account, 1)  # the balance row exists from here on
    with django_assert_num_queries(2):
        row = award_xp(account, 5, description="a scene")
    assert XPTransaction.objects.get(pk=row.pk).amount == 5


def test_claim_into_xp_is_four_statements_and_reads_no_balance_back(account):
    award_kudos(account, 30, KudosSourceCategoryFactory())
    award_xp(account, 1)
    category = KudosClaimCategoryFactory(name="xp", kudos_cost=10, reward_amount=3)
    with CaptureQueriesContext(connection) as captured:
        claim_kudos(account, 10, category)
    # The test runs inside a transaction, so the claim's own shows as a savepoint.
    statements = [
        query["sql"].split()[0].upper()
        for query in captured.captured_queries
        if not query["sql"].upper().startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
    ]
    assert statements == ["UPDATE", "INSERT", "UPDATE", "INSERT"]


def test_the_balance_a_posting_answers_with_is_the_stored_row(account, other_account):
    source = KudosSourceCategoryFactory()
    award_kudos(account, 7, source, awarded_by=other_account)
    result = award_kudos(account, 5, source, awarded_by=other_account)
    stored = KudosPointsData.objects.get(account=account)
    assert model_to_dict(result.points_data) == model_to_dict(stored)
    assert result.points_data.updated_date == stored.updated_date
    assert result.points_data.pk == stored.pk
    assert result.points_data.current_available == 12


def test_a_claim_answers_with_the_balance_after_it(account):
    award_kudos(account, 30, KudosSourceCategoryFactory())
    category = KudosClaimCategoryFactory(name="xp", kudos_cost=10, reward_amount=3)
    result = claim_kudos(account, 20, category)
    stored = KudosPointsData.objects.get(account=account)
    assert model_to_dict(result.points_data) == model_to_dict(stored)
    assert (result.points_data.total_claimed, result.points_data.current_available) == (20, 10)
