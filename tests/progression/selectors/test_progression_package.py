"""`progression_package(account, character)`: what GMCP's Char.Progression and the webclient
show (account XP and kudos, the character's pools and its goal's progress), in a constant
number of queries."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from world.progression.factories import KudosSourceCategoryFactory
from world.progression.selectors.packages import progression_package
from world.progression.services import award_kudos, grant_achievement, revoke_achievement

pytestmark = pytest.mark.django_db

# Account XP, kudos and the character's pools (3), then its goal: the goal attribute (1), the
# catalogue (5, which holds the goal's unlock), the snapshot (1) and the pools it is saved from
# (1). Its achievements come from Evennia's attribute cache, warm for a character in play.
PACKAGE_QUERIES = 11
# Evennia's attribute cache read cold: the character's attribute links and attributes.
COLD_ATTRIBUTE_CACHE = 2
# Out of character: account XP and kudos.
ACCOUNT_PACKAGE_QUERIES = 2


def test_package_holds_account_numbers_character_pools_and_goal_progress(account, full_character):
    ayla = full_character("Ayla")
    full_character.set_goal(character=ayla, unlock=full_character.levels[1])

    package = progression_package(account, ayla)

    package["character"].pop("achievements")  # test_package_lists_achievements...
    assert package == {
        "xp": {"available": 50, "earned": 50, "spent": 0},
        "kudos": {"available": 0},
        "character": {
            "name": "Ayla",
            "xp": {"locked": 7, "transferable": 4},
            # Two levels at 20 XP; 61 saved counts only up to the price; level 2 needs class
            # level 8.
            "goal": {
                "unlock": "Ranger level 2",
                "total": 40,
                "saved": 40,
                "missing": 1,
                "reached": False,
            },
        },
    }


def test_package_out_of_character_has_no_character(account):
    award_kudos(account, 3, source_category=KudosSourceCategoryFactory())

    package = progression_package(account)

    assert package["kudos"] == {"available": 3}
    assert package["character"] is None


def test_package_without_a_goal_says_so(account, full_character):
    package = progression_package(account, full_character("Ayla"))

    assert package["character"]["goal"] is None


def test_package_is_plain_json(account, full_character):
    ayla = full_character("Ayla")
    full_character.set_goal(character=ayla, unlock=full_character.levels[0])

    package = progression_package(account, ayla)

    assert json.loads(json.dumps(package)) == package


@pytest.mark.parametrize("rows", [1, 6])
def test_package_reads_in_constant_queries(
    account, full_character, django_assert_num_queries, rows
):
    ayla = full_character("Ayla", rows=rows)
    full_character.set_goal(character=ayla, unlock=full_character.levels[1])

    with django_assert_num_queries(PACKAGE_QUERIES):
        progression_package(account, ayla)


def test_package_out_of_character_reads_two_queries(account, django_assert_num_queries):
    with django_assert_num_queries(ACCOUNT_PACKAGE_QUERIES):
        progression_package(account)


def test_package_lists_achievements_earned_and_the_progress_of_open_ones(
    account, staff_account, full_character
):
    ayla = full_character("Ayla")  # one scene played: First scene earned, Regular 1 of 10
    grant_achievement(character=ayla, key="read_the_codex", staff=staff_account, reason="found")

    achievements = progression_package(account, ayla)["character"]["achievements"]

    assert achievements["completed"] == [
        {"key": "first_scene", "name": "First scene"},
        {"key": "read_the_codex", "name": "Read the Codex of Tides"},
    ]
    still_open = {row["key"]: row for row in achievements["open"]}
    assert still_open["ten_scenes"] == {
        "key": "ten_scenes",
        "name": "Regular",
        "done": 1,
        "needed": 10,
    }
    assert still_open["first_vote"] == {
        "key": "first_vote",
        "name": "Noticed",
        "done": 0,
        "needed": 1,
    }
    assert not {"first_scene", "read_the_codex"} & set(still_open)


def test_a_revoked_achievement_leaves_the_completed_list(account, staff_account, full_character):
    ayla = full_character("Ayla")
    revoke_achievement(character=ayla, key="first_scene", staff=staff_account, reason="farmed")

    achievements = progression_package(account, ayla)["character"]["achievements"]

    assert achievements["completed"] == []
    assert {"key": "first_scene", "name": "First scene", "done": 0, "needed": 1} in achievements[
        "open"
    ]


def test_package_reads_achievements_cold_in_two_queries_more(
    account, full_character, django_assert_num_queries
):
    ayla = full_character("Ayla")
    full_character.set_goal(character=ayla, unlock=full_character.levels[1])
    progression_package(account, ayla)  # what the catalogue caches for the process
    with CaptureQueriesContext(connection) as warm:
        progression_package(account, ayla)
    ayla.attributes.reset_cache()

    with django_assert_num_queries(len(warm) + COLD_ATTRIBUTE_CACHE):
        progression_package(account, ayla)
