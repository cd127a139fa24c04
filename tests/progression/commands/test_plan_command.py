"""`plan <unlock>` lists every step to it with its cost and what is missing; `plan/set` makes it
the character's goal, shown on `xp` with a progress bar; nothing is spent by planning."""

import pytest

from world.classes.factories import CharacterClassFactory
from world.progression.factories import (
    ClassLevelUnlockFactory,
    LevelRequirementFactory,
    price_unlock,
)
from world.progression.models import CharacterUnlock, ExperiencePointsData
from world.progression.services import award_xp

pytestmark = pytest.mark.django_db


@pytest.fixture
def warrior_levels(db):
    warrior = CharacterClassFactory(name="Warrior")
    levels = {
        n: ClassLevelUnlockFactory(character_class=warrior, target_level=n) for n in (1, 2, 3)
    }
    for n, unlock in levels.items():
        price_unlock(unlock, 10 * n)
    return levels


def test_plan_lists_every_step_with_its_cost_and_the_total(play, player, account, warrior_levels):
    award_xp(account, 15)

    out = play(player, "plan warrior 3")

    assert "Warrior level 1" in out and "Warrior level 2" in out and "Warrior level 3" in out
    assert "Total: 60 XP; saved: 15 XP [#####---------------]" in out
    assert not CharacterUnlock.objects.exists()
    assert ExperiencePointsData.objects.get(account=account).current_available == 15


def test_plan_names_requirements_still_unmet(play, player, warrior_levels):
    LevelRequirementFactory(class_level_unlock=warrior_levels[3], minimum_level=5)

    out = play(player, "plan warrior 3")

    assert "Need a class at level 5, highest is 0" in out


def test_plan_set_makes_it_the_goal_shown_on_xp(play, player, account, warrior_levels):
    award_xp(account, 30)

    assert play(player, "plan/set warrior 2") == (
        "Your goal is now Warrior level 2. 'xp' shows how much of it is saved."
    )

    assert "Goal: Warrior level 2: 30 of 30 XP saved [####################]" in play(player, "xp")
    play(player, "plan/clear")
    assert "Goal:" not in play(player, "xp")


@pytest.mark.parametrize(
    "typed,answer",
    [
        ("plan", "No goal set. Type 'plan/set <unlock>' to set one."),
        (
            "plan/set",
            "Usage: plan <class> <level> | plan <trait> <rating> | plan/set … | plan/clear",
        ),
        ("plan nothing 2", "There is no unlock 'nothing 2'. Type 'unlocks' for the shop."),
    ],
)
def test_plan_answers_in_one_line(play, player, warrior_levels, typed, answer):
    assert play(player, typed) == answer


def test_goal_on_xp_names_the_requirement_still_missing_when_the_xp_is_saved(
    play, player, account, warrior_levels
):
    LevelRequirementFactory(class_level_unlock=warrior_levels[2], minimum_level=5)
    award_xp(account, 30)
    play(player, "plan/set warrior 2")

    out = play(player, "xp")

    assert "30 of 30 XP saved" in out
    assert "still missing: Need a class at level 5, highest is 0" in " ".join(out.split("\n"))


def test_plan_out_of_character_names_the_character(play, account, player, warrior_levels):
    award_xp(account, 15)

    assert "Total: 30 XP; saved: 15 XP" in play(account, "plan Alice = warrior 2")
    assert play(account, "plan/set Alice = warrior 2").startswith(
        "Your goal is now Warrior level 2"
    )
    assert play(account, "plan Alice").startswith("Goal: Warrior level 2: 15 of 30 XP saved")
    assert play(account, "plan/clear Alice") == "Your goal is cleared."
    assert play(account, "plan Alice") == "No goal set. Type 'plan/set <unlock>' to set one."


def test_plan_out_of_character_without_a_character_says_how_to_name_one(
    play, account, player, warrior_levels
):
    assert play(account, "plan warrior 2") == (
        "Out of character: 'ic Alice' or 'plan Alice = <unlock>' (yours: Alice)."
    )
