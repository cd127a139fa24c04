"""The one complete history: every ledger that moves a player's numbers, newest first, words
from one place, and nothing of another account."""

import pytest

from typeclasses.factories import CharacterFactory
from world.classes.factories import CharacterClassFactory
from world.progression.factories import (
    ClassLevelUnlockFactory,
    KudosClaimCategoryFactory,
    KudosSourceCategoryFactory,
    price_unlock,
)
from world.progression.rules.history import describe
from world.progression.selectors.history import account_history, history_row
from world.progression.services import (
    award_character_xp,
    award_development_points,
    award_kudos,
    award_xp,
    claim_kudos,
    grant_achievement,
    spend_xp_on_unlock,
)
from world.progression.services.corrections import (
    correct_account_xp,
    correct_class_level,
    correct_trait_value,
)
from world.progression.types import HistoryKind
from world.traits.factories import TraitFactory

pytestmark = pytest.mark.django_db


def rows(account, **filters):
    return [history_row(values) for values in account_history(account, **filters)]


@pytest.fixture
def played(account, other_account, staff_account):
    """Ayla's player: account XP, locked XP spent on Warrior 1, development, kudos given and
    claimed, corrections, an achievement granted; and a stranger with rows of their own."""
    ayla = CharacterFactory(account=account, key="Ayla")
    warrior_1 = ClassLevelUnlockFactory(
        character_class=CharacterClassFactory(name="Warrior"), target_level=1
    )
    price_unlock(warrior_1, xp_cost=20)
    award_xp(account, 50, description="a good scene")
    award_character_xp(ayla, 20, transferable=False)
    ok, message, _ = spend_xp_on_unlock(ayla, warrior_1)
    assert ok, message
    award_development_points(ayla, TraitFactory(name="Wits"), "other", 4)
    award_kudos(account, 60, KudosSourceCategoryFactory(display_name="Good sport"))
    claim_kudos(account, 50, KudosClaimCategoryFactory(display_name="XP", kudos_cost=50))
    correct_account_xp(account, -3, gm=staff_account, reason_text="double award")
    correct_trait_value(ayla, TraitFactory(name="Grit"), 15, gm=staff_account, reason_text="lost")
    correct_class_level(
        ayla, CharacterClassFactory(name="Scholar"), 1, gm=staff_account, reason_text="story"
    )
    grant_achievement(character=ayla, key="read_the_codex", staff=staff_account, reason="read")
    stranger = CharacterFactory(account=other_account)
    grant_achievement(character=stranger, key="read_the_codex", staff=staff_account, reason="x")
    award_xp(other_account, 999)
    award_character_xp(stranger, 999, transferable=False)
    award_development_points(stranger, TraitFactory(name="Grace"), "other", 9)
    return ayla


def test_history_holds_every_ledger_of_the_account_and_its_characters(account, played):
    history = rows(account)

    assert {row["kind"] for row in history} == set(HistoryKind.values)
    assert 999 not in [row["amount"] for row in history]
    assert 9 not in [row["amount"] for row in history]


def test_history_is_newest_first(account, played):
    dates = [row["date"] for row in rows(account)]

    assert dates == sorted(dates, reverse=True)


def test_a_purchase_from_the_locked_pool_shows_with_the_price_as_paid(account, played):
    history = rows(account)
    purchase = next(row for row in history if row["kind"] == HistoryKind.PURCHASE)
    spend = next(
        row for row in history if row["kind"] == HistoryKind.CHARACTER_XP and row["amount"] < 0
    )

    assert describe(purchase) == "Ayla bought Warrior level 1 for 20 XP"
    assert describe(spend) == "-20 locked XP of Ayla: bought Warrior level 1"


def test_every_row_reads_as_one_sentence_naming_the_character(account, played):
    sentences = [describe(row) for row in rows(account)]

    assert "Ayla earned 4 development in Wits (other)" in sentences
    assert "+60 kudos: Good sport" in sentences
    assert "-50 kudos: claimed for XP (Claimed 1 XP)" in sentences
    assert "-3 account XP: Correction (double award)" in sentences
    assert "Ayla's Grit +1.5: Correction (lost)" in sentences
    assert "Ayla's Scholar +1 level: Correction (story)" in sentences
    assert "Ayla was granted the achievement Read the Codex of Tides: read" in sentences
    assert "+50 account XP: System award (a good scene)" in sentences
    assert all("\n" not in sentence for sentence in sentences)


def test_history_filters_by_kind_and_by_character(account, played):
    other = CharacterFactory(account=account, key="Bren")
    award_character_xp(other, 5, transferable=True)

    assert {row["kind"] for row in rows(account, kinds=["kudos"])} == {"kudos"}
    only_bren = rows(account, character_id=other.pk)
    assert [describe(row) for row in only_bren] == ["+5 transferable XP of Bren: System award"]


def test_history_of_a_character_the_account_does_not_own_is_empty(account, other_account, played):
    stranger = CharacterFactory(account=other_account)
    award_character_xp(stranger, 7, transferable=False)

    assert rows(account, character_id=stranger.pk) == []


def test_history_is_one_statement_whatever_its_size(account, played, django_assert_num_queries):
    for amount in range(1, 30):
        award_xp(account, amount)

    with django_assert_num_queries(1):
        history = rows(account)
    assert len(history) > 30


def test_kudos_given_are_about_the_character_thanked_and_name_the_giver(
    account, other_account, played
):
    giver = CharacterFactory(account=other_account, key="Bruno")
    award_kudos(
        account,
        2,
        KudosSourceCategoryFactory(display_name="Thanks"),
        "a fine duel",
        awarded_by=other_account,
        character=played,
        awarded_by_character=giver,
    )

    [row] = rows(account, kinds=["kudos"], character_id=played.pk)

    assert (row["character_name"], row["from_name"]) == ("Ayla", "Bruno")
    assert describe(row) == "+2 kudos from Bruno: Thanks (a fine duel)"
