"""Out of character (the account typing, no character played): `xp`, `xp/history` and `kudos`
with claim and give work as in character; `dev`, `unlocks` and `unlock` say which character to
play, or take the name of one of the account's characters."""

import pytest
from table_cells import table_rows

from typeclasses.factories import AccountFactory
from world.classes.factories import CharacterClassFactory
from world.progression.factories import (
    ClassLevelUnlockFactory,
    ClassXPCostFactory,
    XPCostChartFactory,
    XPCostEntryFactory,
)
from world.progression.models import CharacterUnlock, KudosPointsData, KudosTransaction
from world.progression.services.awards import award_character_xp
from world.progression.services.kudos import award_kudos


@pytest.fixture
def warrior_1(db):
    chart = XPCostChartFactory(name="Standard")
    XPCostEntryFactory(chart=chart, level=1, xp_cost=10)
    warrior = CharacterClassFactory(name="Warrior")
    ClassXPCostFactory(character_class=warrior, cost_chart=chart)
    return ClassLevelUnlockFactory(character_class=warrior, target_level=1)


def test_xp_out_of_character_shows_the_account_and_every_character(
    play, account, player, puppet, give_xp
):
    second = puppet(account, key="Corin")
    give_xp(account, 40)
    award_character_xp(second, 6, transferable=True)

    out = play(account, "xp")

    assert "Account XP: 40 available (40 earned, 0 spent)" in out
    assert "Alice's XP: 0 locked, 0 transferable" in out
    assert "Corin's XP: 0 locked, 6 transferable" in out
    assert "Quest reward" in out


def test_xp_history_out_of_character(play, account, give_xp):
    for number in range(1, 12):
        give_xp(account, number, description=f"award {number}")

    out = play(account, "xp/history 2")

    assert "History, page 2" in out
    assert [row[-1] for row in table_rows(out)] == ["+1 account XP: GM award (award 1)"]


def test_kudos_claim_and_give_out_of_character(
    play, account, other_player, other_account, vote_category, xp_claim, staff_account
):
    award_kudos(account, 30, vote_category, "set-up", awarded_by=staff_account)

    assert "Kudos: 30 available" in play(account, "kudos")
    assert play(account, "kudos/claim xp = 20") == "You claim 20 kudos for 2 XP. 10 kudos left."
    assert play(account, "kudos/give Bruno = great scene").startswith(
        "You give Bruno 2 kudos: great scene"
    )
    assert KudosPointsData.objects.get(account=account).total_claimed == 20
    assert KudosTransaction.objects.get(account=other_account).awarded_by == account


@pytest.mark.parametrize(
    ("command", "named"),
    [
        ("dev", "dev Alice"),
        ("unlocks", "unlocks Alice"),
        ("unlock warrior 1", "unlock Alice = <unlock>"),
    ],
)
def test_character_views_say_which_character_to_play(play, account, player, command, named):
    assert play(account, command) == (f"Out of character: 'ic Alice' or '{named}' (yours: Alice).")


def test_character_views_take_the_name_of_one_of_the_accounts_characters(
    play, account, player, warrior_1
):
    assert play(account, "dev alice") == "Alice has no trait development yet."
    assert "Unlocks for Alice" in play(account, "unlocks Alice")


def test_someone_elses_character_cannot_be_named(play, account, player, other_player, warrior_1):
    assert play(account, "dev Bruno") == "You have no character called 'Bruno'."
    assert play(account, "unlock/confirm Bruno = warrior 1") == (
        "You have no character called 'Bruno'."
    )


def test_an_unlock_is_bought_out_of_character_for_the_named_character(
    play, account, player, give_xp, warrior_1
):
    give_xp(account, 15)

    assert play(account, "unlock Alice = warrior 1").startswith("Warrior level 1 costs 10 XP")
    assert play(account, "unlock/confirm Alice = warrior 1") == (
        "You unlock Warrior level 1 for 10 XP: 10 from your account XP."
    )
    assert CharacterUnlock.objects.get().character == player


def test_an_account_without_characters_is_told_so(play, db):
    lonely = AccountFactory(key="Lonely")

    assert play(lonely, "dev") == "You have no character yet: create one first."
