"""The `kudos` command: balance and feed, categories, claims, giving, and staff awards."""

from datetime import timedelta

import pytest
from django.utils import timezone

from typeclasses.factories import AccountFactory
from world.progression.factories import KudosClaimCategoryFactory, KudosSourceCategoryFactory
from world.progression.models import (
    ExperiencePointsData,
    KudosPointsData,
    KudosTransaction,
    XPTransaction,
)
from world.progression.services.kudos import award_kudos
from world.progression.services.kudos_giving import give_kudos


def kudos_of(account):
    row = KudosPointsData.objects.filter(account=account).first()
    return (row.total_earned, row.total_claimed) if row else (0, 0)


@pytest.fixture
def good_sport(db):
    return KudosSourceCategoryFactory(
        name="good_sport", display_name="Good Sport", default_amount=5, description="Fair play"
    )


@pytest.fixture
def rich(account, good_sport, staff_account):
    """The player has 50 kudos from staff."""
    award_kudos(account, 50, good_sport, "Lost a duel gracefully", awarded_by=staff_account)
    return account


def test_kudos_shows_balance_and_why_it_was_earned(play, player, rich, staff_account, xp_claim):
    from world.progression.services.kudos import claim_kudos

    claim_kudos(rich, 20, xp_claim)

    out = play(player, "kudos")

    assert "Kudos: 30 available (50 earned, 20 claimed)" in out
    assert "Good Sport: Lost a duel gracefully" in out
    assert staff_account.key not in out  # no character recorded: no name, never the account
    assert "Claimed - XP: Claimed 2 XP" in out
    assert out.index("Claimed - XP") < out.index("Lost a duel")  # newest first


def test_kudos_without_any_says_how_to_get_some(play, player):
    out = play(player, "kudos")

    assert "Kudos: 0 available (0 earned, 0 claimed)" in out
    assert "No kudos yet" in out
    assert "You can give kudos 5 more times this week." in out


def test_categories_list_claim_rates_and_ways_to_earn(play, player, xp_claim, good_sport):
    KudosClaimCategoryFactory(name="retired", display_name="Retired Reward", is_active=False)

    out = play(player, "kudos/categories")

    assert "10 kudos = 1" in out and "Account XP" in out
    assert "Good Sport" in out and "Fair play" in out
    assert "Retired Reward" not in out


def test_categories_when_nothing_is_claimable(play, player):
    assert "Nothing can be claimed with kudos right now." in play(player, "kudos/categories")


def test_claim_converts_kudos_into_xp(play, player, rich, xp_claim):
    out = play(player, "kudos/claim xp = 20")

    assert out == "You claim 20 kudos for 2 XP. 30 kudos left."
    assert kudos_of(rich) == (50, 20)
    assert ExperiencePointsData.objects.get(account=rich).total_earned == 2


def test_claim_accepts_the_display_name(play, player, rich, xp_claim):
    KudosClaimCategoryFactory(name="costume", display_name="Costume Token", kudos_cost=25)

    assert play(player, "kudos/claim Costume Token = 25").startswith("You claim 25 kudos for 1 ")
    assert kudos_of(rich) == (50, 25)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("kudos/claim gold = 10", "There is no kudos claim category 'gold'. See kudos/categories."),
        ("kudos/claim xp = ten", "'ten' is not a whole number."),
        ("kudos/claim xp = -10", "The amount must be a positive whole number."),
        ("kudos/claim xp = 15", "'XP' is claimed in units of 10 kudos: claim 10 or 20, not 15."),
        ("kudos/claim xp = 60", "Insufficient kudos (need 60, have 50)."),
        ("kudos/claim xp 20", "Usage: kudos/claim <category> = <amount of kudos>"),
    ],
)
def test_bad_claims_say_why_and_change_nothing(play, player, rich, xp_claim, typed, message):
    assert play(player, typed) == message
    assert kudos_of(rich) == (50, 0)
    assert not XPTransaction.objects.exists()


def test_claim_in_an_inactive_category_is_refused(play, player, rich):
    KudosClaimCategoryFactory(name="old", display_name="Old", is_active=False)

    assert play(player, "kudos/claim old = 10") == "The claim category 'Old' is not active."
    assert kudos_of(rich) == (50, 0)


def test_give_awards_the_vote_amount_to_another_player(
    play, player, account, other_player, other_account, vote_category
):
    out = play(player, "kudos/give Bruno = carried the whole heist scene")

    assert out == ("You give Bruno 2 kudos: carried the whole heist scene (4 left this week)")
    assert kudos_of(other_account) == (2, 0)
    row = KudosTransaction.objects.get(account=other_account)
    assert (row.awarded_by, row.source_category, row.description) == (
        account,
        vote_category,
        "carried the whole heist scene",
    )


def test_give_to_yourself_is_refused(play, player, account, vote_category):
    assert play(player, "kudos/give Alice = I was great") == "You cannot award kudos to yourself."
    assert not KudosTransaction.objects.exists()


def test_give_to_an_alt_with_the_same_email_is_refused(
    play, player, account, vote_category, puppet
):
    alt = AccountFactory(key="AliceAlt", email=account.email.upper())
    puppet(alt, key="Alicia")

    out = play(player, "kudos/give Alicia = good job me")

    assert out == "You cannot give kudos to your own alt accounts."
    assert kudos_of(alt) == (0, 0)


def test_give_is_limited_per_rolling_week(
    play, player, account, other_account, vote_category, settings
):
    settings.PROGRESSION_KUDOS_GIVES_PER_WEEK = 2
    for _ in range(2):
        give_kudos(account, other_account, "thanks")

    out = play(player, f"kudos/give {other_account.key} = once more")

    assert out == "You have given kudos 2 times in the last 7 days; that is the weekly limit."
    assert kudos_of(other_account) == (4, 0)


def test_gives_older_than_a_week_no_longer_count(
    play, player, account, other_account, vote_category, settings
):
    settings.PROGRESSION_KUDOS_GIVES_PER_WEEK = 1
    give_kudos(account, other_account, "last month")
    KudosTransaction.objects.update(transaction_date=timezone.now() - timedelta(days=7, minutes=1))

    play(player, f"kudos/give {other_account.key} = again")

    assert kudos_of(other_account) == (4, 0)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("kudos/give Nobody = thanks", "There is no player called 'Nobody'."),
        ("kudos/give Bruno", "Usage: kudos/give <player> = <why you are thanking them>"),
        ("kudos/give Bruno =   ", "Usage: kudos/give <player> = <why you are thanking them>"),
    ],
)
def test_bad_gives_say_why_and_change_nothing(
    play, player, other_player, vote_category, typed, message
):
    assert play(player, typed) == message
    assert not KudosTransaction.objects.exists()


def test_the_first_give_sets_up_the_vote_category_at_one_kudos(
    play, player, other_player, other_account, settings
):
    play(player, "kudos/give Bruno = thanks")

    row = KudosTransaction.objects.get(account=other_account)
    assert (row.amount, row.source_category.name) == (1, settings.PROGRESSION_KUDOS_GIVE_CATEGORY)


def test_give_is_refused_when_staff_switched_voting_off(play, player, other_player, vote_category):
    vote_category.is_active = False
    vote_category.save()

    assert play(player, "kudos/give Bruno = thanks") == (
        "The kudos category 'Player Vote' is not active."
    )
    assert not KudosTransaction.objects.exists()


def test_staff_award_kudos_in_a_category(play, staff, staff_account, account, good_sport):
    out = play(staff, f"kudos/award {account.key} = good_sport 7 : great sportsmanship")

    assert out == f"You award {account.key} 7 kudos for Good Sport: great sportsmanship"
    row = KudosTransaction.objects.get(account=account)
    assert (row.amount, row.source_category, row.awarded_by, row.description) == (
        7,
        good_sport,
        staff_account,
        "great sportsmanship",
    )


def test_players_cannot_award_kudos(play, player, other_account, good_sport):
    out = play(player, f"kudos/award {other_account.key} = good_sport 7")

    assert out == "Only staff can use kudos/award."
    assert kudos_of(other_account) == (0, 0)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("kudos/award {player} = nonsense 5", "There is no kudos category 'nonsense'."),
        ("kudos/award {player} = good_sport many", "'many' is not a whole number."),
        ("kudos/award {player} = good_sport -3", "The amount must be a positive whole number."),
        ("kudos/award {player} = good_sport", "Usage: kudos/award <player> = <category> <amount>"),
        ("kudos/award {player}", "Usage: kudos/award <player> = <category> <amount>"),
        ("kudos/award nobody = good_sport 5", "There is no player called 'nobody'."),
    ],
)
def test_bad_kudos_awards_say_why_and_change_nothing(
    play, staff, account, good_sport, typed, message
):
    assert play(staff, typed.format(player=account.key)).startswith(message)
    assert not KudosTransaction.objects.exists()


def test_staff_cannot_award_themselves(play, staff, staff_account, good_sport):
    assert play(staff, f"kudos/award {staff_account.key} = good_sport 5") == (
        "You cannot award kudos to yourself."
    )
    assert not KudosTransaction.objects.exists()


def test_staff_award_kudos_by_the_start_of_a_category_name(
    play, staff, other_player, other_account
):
    KudosSourceCategoryFactory(name="staff_pick", display_name="Staff pick", staff_only=True)

    out = play(staff, "kudos/award Bruno = staff 5")

    assert out == "You award Bruno 5 kudos for Staff pick."
    assert kudos_of(other_account) == (5, 0)


def test_kudos_categories_show_the_names_staff_type(play, staff, good_sport):
    out = play(staff, "kudos/categories")

    assert good_sport.name in out
    assert "Award with: kudos/award <player> = <name> <amount> [: why]" in out
