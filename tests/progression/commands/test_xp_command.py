"""The `xp` command: balances, history pages, and the staff award and correction switches."""

import pytest
from table_cells import table_rows

from world.classes.factories import CharacterClassFactory
from world.progression.factories import ClassLevelUnlockFactory, price_unlock
from world.progression.models import ExperiencePointsData, XPTransaction
from world.progression.services import award_development_points, award_kudos
from world.progression.services.awards import award_character_xp
from world.progression.types import ProgressionReason
from world.traits.factories import TraitFactory


def balance(account):
    row = ExperiencePointsData.objects.filter(account=account).first()
    return (row.total_earned, row.total_spent) if row else (0, 0)


def test_xp_shows_account_balance_and_character_pools(play, player, account, give_xp):
    give_xp(account, 120)
    award_character_xp(player, 7, transferable=False)
    award_character_xp(player, 3, transferable=True)

    out = play(player, "xp")

    assert "Account XP: 120 available (120 earned, 0 spent)" in out
    assert "Alice's XP: 7 locked, 3 transferable" in out


def test_xp_lists_the_last_ten_transactions_newest_first(play, player, account, give_xp):
    for number in range(1, 12):
        give_xp(account, number, description=f"award {number}")

    out = play(player, "xp")

    details = [row[-1] for row in table_rows(out)]
    assert "award 11" in details and "award 2" in details
    assert "award 1" not in details
    assert out.index("award 11") < out.index("award 10")
    assert "xp/history 2" in out


def test_xp_without_transactions_says_so(play, player):
    out = play(player, "xp")

    assert "Account XP: 0 available (0 earned, 0 spent)" in out
    assert "No XP transactions yet." in out


def test_xp_history_pages_further_back(play, player, account, give_xp):
    for number in range(1, 12):
        give_xp(account, number, description=f"award {number}")

    out = play(player, "xp/history 2")

    assert "History, page 2" in out
    details = [row[-1] for row in table_rows(out)]
    assert details == ["+1 account XP: GM award (award 1)"]
    assert "xp/history 3" not in out


def test_xp_history_shows_a_purchase_from_the_characters_locked_pool(play, player):
    warrior_1 = ClassLevelUnlockFactory(
        character_class=CharacterClassFactory(name="Warrior"), target_level=1
    )
    price_unlock(warrior_1, xp_cost=20)
    award_character_xp(player, 20, transferable=False)
    assert play(player, "unlock/confirm warrior 1").startswith("You unlock Warrior level 1")

    details = [row[-1] for row in table_rows(play(player, "xp/history"))]

    assert details[:3] == [
        "-20 locked XP of Alice: bought Warrior level 1",
        "Alice bought Warrior level 1 for 20 XP",
        "+20 locked XP of Alice: System award",
    ]


def test_xp_history_holds_kudos_and_development_too(play, player, account, vote_category):
    award_development_points(player, TraitFactory(name="Wits"), "scene", 2)
    award_kudos(account, 3, vote_category, "good scene")

    details = [row[-1] for row in table_rows(play(player, "xp/history"))]

    assert details == [
        "+3 kudos: Player Vote (good scene)",
        "Alice earned 2 development in Wits (scene)",
    ]


def test_xp_history_beyond_the_last_page_says_there_is_none(play, player, account, give_xp):
    give_xp(account, 5)

    assert play(player, "xp/history 4") == "There is no page 4."


@pytest.mark.parametrize("page", ["two", "0", "-1"])
def test_xp_history_refuses_a_page_that_is_not_a_number(play, player, page):
    assert play(player, f"xp/history {page}").startswith(f"'{page}' is not a page number.")


def test_staff_award_adds_xp_with_a_gm_ledger_row(play, staff, staff_account, account):
    out = play(staff, f"xp/award {account.key} = 25 : ran the festival scene")

    assert out == f"You award {account.key} 25 XP: ran the festival scene"
    assert balance(account) == (25, 0)
    row = XPTransaction.objects.get(account=account)
    assert (row.amount, row.reason, row.gm, row.description) == (
        25,
        ProgressionReason.GM_AWARD,
        staff_account,
        "ran the festival scene",
    )


def test_award_finds_the_player_by_character_name(play, staff, player, account):
    play(staff, "xp/award alice = 10")

    assert balance(account) == (10, 0)


def test_developer_may_award_xp(play, developer, account):
    play(developer, f"xp/award {account.key} = 3")

    assert balance(account) == (3, 0)


def test_players_cannot_award_xp(play, player, other_account):
    out = play(player, f"xp/award {other_account.key} = 25")

    assert out == "Only staff can use xp/award."
    assert balance(other_account) == (0, 0)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("xp/award nobody = 5", "There is no player called 'nobody'."),
        ("xp/award {player} = lots", "'lots' is not a whole number."),
        ("xp/award {player} = -5", "The amount must be a positive whole number."),
        ("xp/award {player} = 0", "The amount must be a positive whole number."),
        ("xp/award {player} 5", "Usage: xp/award <player> = <amount> [: reason]"),
        ("xp/award {player} =", "Usage: xp/award <player> = <amount> [: reason]"),
    ],
)
def test_bad_award_input_gets_one_line_and_changes_nothing(play, staff, account, typed, message):
    out = play(staff, typed.format(player=account.key))

    assert out == message
    assert not XPTransaction.objects.exists()


def test_correction_takes_back_xp_awarded_in_error(play, staff, staff_account, account, give_xp):
    give_xp(account, 50)

    out = play(staff, f"xp/correct {account.key} = -20 : double-counted scene")

    assert out == f"Corrected {account.key}'s XP by -20: double-counted scene"
    assert balance(account) == (30, 0)
    row = XPTransaction.objects.get(reason=ProgressionReason.CORRECTION)
    assert (row.amount, row.gm, row.description) == (-20, staff_account, "double-counted scene")


def test_correction_adds_missed_xp(play, staff, account):
    play(staff, f"xp/correct {account.key} = +15 : missed award")

    assert balance(account) == (15, 0)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("xp/correct {player} = -20", "A correction needs a reason."),
        ("xp/correct {player} = 0 : oops", "A correction must be a non-zero whole number"),
        ("xp/correct {player} = ten : oops", "'ten' is not a whole number."),
        ("xp/correct {player} = -500 : oops", "Insufficient XP (need 500, have 50)."),
        ("xp/correct nobody = 5 : oops", "There is no player called 'nobody'."),
    ],
)
def test_bad_correction_changes_nothing(play, staff, account, give_xp, typed, message):
    give_xp(account, 50)

    out = play(staff, typed.format(player=account.key))

    assert out.startswith(message)
    assert balance(account) == (50, 0)
    assert XPTransaction.objects.count() == 1


def test_players_cannot_correct_xp(play, player, account, give_xp):
    give_xp(account, 50)

    assert (
        play(player, f"xp/correct {account.key} = -50 : mine") == "Only staff can use xp/correct."
    )
    assert balance(account) == (50, 0)


def test_xp_output_fits_80_columns_and_reads_without_colour(play, player, account, give_xp):
    give_xp(account, 5, description="a very long description " * 8)

    coloured = play(player, "xp", noansi=False)
    plain = play(player, "xp")

    assert "\x1b[" in coloured  # colour for clients that have it
    assert "\x1b[" not in plain and "|w" not in plain
    assert max(len(line) for line in plain.splitlines()) <= 80
