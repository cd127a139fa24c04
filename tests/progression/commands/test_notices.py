"""Every committed change to a player's numbers is told to that player, if online, in one line
after the commit: never for a rolled-back transaction, never a read when nobody is online."""

import evennia
import pytest
from django.db import transaction
from told import sent_to

from world.classes.factories import CharacterClassFactory
from world.progression.factories import ClassLevelUnlockFactory, price_unlock
from world.progression.models.written import ledger_rows_committed
from world.progression.services import (
    award_character_xp,
    award_development_points,
    award_xp,
    spend_xp_on_unlock,
)
from world.traits.factories import TraitFactory


@pytest.fixture
def online(session):
    evennia.SESSION_HANDLER.data_out.reset_mock()
    return session


def test_an_award_is_told_after_the_commit_with_the_new_balance(
    online, account, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        award_xp(account, 40, description="a fine duel")
        assert sent_to(online) == []

    assert sent_to(online) == [
        "|g+40 account XP: System award (a fine duel). Now: 40 account XP.|n"
    ]


def test_a_purchase_is_one_line_with_each_pool_it_drew_on(
    online, account, player, django_capture_on_commit_callbacks
):
    warrior_1 = ClassLevelUnlockFactory(
        character_class=CharacterClassFactory(name="Warrior"), target_level=1
    )
    price_unlock(warrior_1, xp_cost=30)
    with django_capture_on_commit_callbacks(execute=True):
        award_xp(account, 10)
        award_character_xp(player, 20, transferable=False)
    evennia.SESSION_HANDLER.data_out.reset_mock()

    with django_capture_on_commit_callbacks(execute=True):
        ok, message, _ = spend_xp_on_unlock(player, warrior_1)
    assert ok, message

    assert [" ".join(line.split("\n")) for line in sent_to(online)] == [
        "|g-20 locked XP of Alice: bought Warrior level 1; "
        "-10 account XP for Alice: bought Warrior level 1. "
        "Now: 0 account XP, Alice 0 locked and 0 transferable XP.|n",
        # Her first purchase: an achievement, told once the purchase committed.
        "|gAlice earned the achievement First step.|n",
    ]


def test_development_earned_by_a_character_is_told_to_its_player(
    online, player, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        award_development_points(player, TraitFactory(name="Wits"), "scene", 3)

    assert sent_to(online) == ["|gAlice earned 3 development in Wits (scene).|n"]


def test_a_rolled_back_transaction_tells_nothing(
    online, account, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        award_xp(account, 40)
        raise RuntimeError("the rest of the action failed")

    assert sent_to(online) == []


def test_a_player_not_online_is_told_nothing_and_costs_no_read(
    online, other_account, django_assert_num_queries
):
    row = award_xp(other_account, 5)

    with django_assert_num_queries(0):
        evennia.SESSION_HANDLER.data_out.reset_mock()
        handler_sessions = evennia.SESSION_HANDLER.get_sessions()
        for session in handler_sessions:
            session.logged_in = False
        try:
            ledger_rows_committed.send(sender=None, rows={"progression.XPTransaction": [row.pk]})
        finally:
            for session in handler_sessions:
                session.logged_in = True
    assert sent_to(online) == []


def test_a_change_to_another_player_is_not_told_to_this_one(
    online, other_account, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        award_xp(other_account, 5)

    assert sent_to(online) == []
