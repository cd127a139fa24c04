"""Every amount, page, level and name a player types is parsed and bounded before a service sees
it; the answer to anything out of bounds is one line naming the limit, and nothing changes."""

import pytest

from world.progression.models import KudosPointsData, KudosTransaction, XPTransaction
from world.progression.services.kudos import award_kudos


@pytest.fixture
def kudos_rich(account, vote_category, staff_account):
    award_kudos(account, 500, vote_category, "set-up", awarded_by=staff_account)
    return account


def test_a_page_past_any_history_is_refused_before_it_reaches_the_database(play, player):
    assert play(player, "xp/history 99999999999999999999") == (
        "There is no page 99999999999999999999."
    )


def test_a_claim_larger_than_the_configured_maximum_names_it(play, player, kudos_rich, xp_claim):
    out = play(player, "kudos/claim xp = 100000000000000000000000000000")

    assert out == "The amount can be at most 100000."
    assert KudosPointsData.objects.get(account=kudos_rich).total_claimed == 0


def test_the_award_maximum_comes_from_the_settings(play, staff, account, settings):
    settings.PROGRESSION_MAX_XP_AWARD = 50

    assert play(staff, f"xp/award {account.key} = 51") == "The amount can be at most 50."
    assert play(staff, f"xp/award {account.key} = 50").startswith("You award")
    assert list(XPTransaction.objects.values_list("amount", flat=True)) == [50]


def test_a_correction_is_bounded_both_ways(play, staff, account, settings):
    settings.PROGRESSION_MAX_XP_AWARD = 50

    for amount in ("+51", "-51", "-" + "9" * 5000):
        out = play(staff, f"xp/correct {account.key} = {amount} : typo")
        assert out == "A correction can be at most 50 either way."
    assert not XPTransaction.objects.exists()


def test_a_kudos_award_is_bounded(play, staff, account, vote_category, settings):
    settings.PROGRESSION_MAX_KUDOS_AWARD = 20

    out = play(staff, f"kudos/award {account.key} = {vote_category.name} 21")

    assert out == "The amount can be at most 20."
    assert not KudosTransaction.objects.exists()


@pytest.mark.parametrize("amount", ["\u0661\u0662", "\uff11\uff12", "2.5", "1e3", "NaN", "½", "²"])
def test_amounts_are_whole_numbers_in_ascii_digits(play, staff, account, amount):
    assert play(staff, f"xp/award {account.key} = {amount}") == f"'{amount}' is not a whole number."
    assert not XPTransaction.objects.exists()


@pytest.mark.parametrize("number", ["\u0661", "1e999999", "Infinity", "99999", "0"])
def test_levels_and_ratings_are_small_positive_numbers(play, player, number):
    assert play(player, f"unlock warrior {number}").startswith(
        f"'{number}' is not a level or rating."
    )


def test_a_nul_character_in_a_reason_stores_nothing(play, player, other_player, vote_category):
    out = play(player, "kudos/give Bruno = a\x00b")

    assert out == "The game cannot take a NUL character in a command."
    assert not KudosTransaction.objects.exists()


def test_ten_thousand_characters_are_echoed_short_on_one_line(play, staff):
    out = play(staff, "xp/award " + "x" * 10_000 + " = 5")

    assert out == f"There is no player called '{'x' * 19}…'."


def test_markup_typed_in_a_name_is_echoed_as_text(play, staff):
    out = play(staff, "xp/award |lcxp/award me = 500|ltclick|le = 5", noansi=False)

    # The | came back escaped, so the client shows it as typed instead of making a link.
    assert "There is no player called '|lcxp/award me'." in out
