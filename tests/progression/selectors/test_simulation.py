"""The what-if simulator over a sample economy (the `sample_economy` fixture): prices, weekly
totals and weeks to goal move as the proposed change says, and nothing is written."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from typeclasses.factories import AccountFactory, CharacterFactory
from world.classes.factories import CharacterClassLevelFactory
from world.classes.models import CharacterClass
from world.progression.models import ClassLevelUnlock
from world.progression.rules.simulation import ProposedChange
from world.progression.selectors.simulation import proposed_change, simulate
from world.progression.services.plans import set_goal

pytestmark = pytest.mark.django_db


def weeks_of(result):
    return {row.week: row for row in result.weeks}


def test_no_change_replays_the_weeks_as_they_were(sample_economy):
    result = simulate(ProposedChange(), weeks=2)
    first, second = (weeks_of(result)[sample_economy[k]] for k in ("first_week", "second_week"))
    assert (first.issued, first.spent, first.development) == (150, 100, 0)
    assert (second.issued, second.spent, second.development) == (10, 0, 4)
    for row in result.weeks:
        assert (row.issued_after, row.spent_after, row.development_after) == (
            row.issued,
            row.spent,
            row.development,
        )
    assert result.price_changes == []
    assert result.goals_before == result.goals_after


def test_a_chart_entry_changes_the_price_of_what_was_bought_and_what_it_spent(sample_economy):
    change = proposed_change(charts=["standard:1=150"])
    result = simulate(change, weeks=2)
    [(label, row)] = result.price_changes
    assert (label, row.bought, row.before, row.after, row.difference) == (
        "Warrior level 1",
        1,
        100,
        150,
        50,
    )
    first = weeks_of(result)[sample_economy["first_week"]]
    assert (first.spent, first.spent_after) == (100, 150)


def test_a_cheaper_class_brings_goals_nearer(sample_economy):
    result = simulate(proposed_change(class_modifiers=["Warrior=50"]), weeks=2)
    # Alpha: level 2 at 200 with 150 saved and 75 a week; Beta: level 3 at 300, 10 saved, 5 a week.
    assert (result.goals_before.median, result.goals_before.p90) == (1, 58)
    assert (result.goals_after.median, result.goals_after.p90) == (0, 28)
    assert result.price_changes[0][1].difference == -50


def test_a_dearer_chart_pushes_goals_further(sample_economy):
    result = simulate(proposed_change(charts=["Standard:2=400,3=600"]), weeks=2)
    assert result.goals_after.median > result.goals_before.median
    assert result.goals_after.p90 > result.goals_before.p90


def test_a_bigger_vote_scale_issues_more_xp_and_brings_goals_nearer(sample_economy):
    result = simulate(proposed_change(vote_scale="6,4,4"), weeks=2)
    second = weeks_of(result)[sample_economy["second_week"]]
    # Beta's three votes paid 3+2+2 = 7 of its 10 XP; at 6,4,4 they pay 14.
    assert (second.issued, second.issued_after) == (10, 17)
    assert result.goals_after.p90 == 35  # 290 XP missing at 8.5 a week, not 5
    assert result.goals_after.p90 < result.goals_before.p90


def test_scene_points_per_use_change_the_development_issued(sample_economy):
    result = simulate(proposed_change(scene_points_per_use=3), weeks=2)
    second = weeks_of(result)[sample_economy["second_week"]]
    assert (second.development, second.development_after) == (4, 6)  # 2 uses: 4 -> 6 points


def test_a_goal_counts_every_step_to_it(sample_economy):
    set_goal(character=sample_economy["alpha"], unlock=ClassLevelUnlock.objects.get(target_level=3))
    result = simulate(ProposedChange(), weeks=2)
    # Alpha now needs levels 2 and 3 (500 XP) with 150 saved at 75 a week: 5 weeks.
    assert (result.goals_before.median, result.goals_before.p90) == (5, 58)


def test_unknown_names_and_bad_text_are_refused(sample_economy):
    for kwargs in (
        {"charts": ["Nope:1=5"]},
        {"charts": ["Standard"]},
        {"class_modifiers": ["Warrior=0"]},
        {"trait_modifiers": ["Nobody=50"]},
        {"vote_scale": "three"},
    ):
        with pytest.raises(ValueError):
            proposed_change(**kwargs)


def test_nothing_is_written(sample_economy):
    change = proposed_change(
        charts=["Standard:1=150"],
        class_modifiers=["Warrior=80"],
        scene_points_per_use=3,
        vote_scale="6,4,4",
    )
    with CaptureQueriesContext(connection) as captured:
        simulate(change, weeks=2)
    written = [
        query["sql"]
        for query in captured.captured_queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE", "REPLACE"))
    ]
    assert written == []


def test_queries_do_not_grow_with_the_game(sample_economy, django_assert_max_num_queries):
    change = proposed_change(class_modifiers=["Warrior=80"], vote_scale="6,4,4")
    with CaptureQueriesContext(connection) as small:
        simulate(change, weeks=2)
    warrior = CharacterClass.objects.get(name="Warrior")
    for n in range(5):
        character = CharacterFactory(account=AccountFactory(), key=f"Extra{n}")
        CharacterClassLevelFactory(character=character, character_class=warrior, level=1)
    set_goal(character=sample_economy["beta"], unlock=ClassLevelUnlock.objects.get(target_level=3))
    with django_assert_max_num_queries(len(small.captured_queries) + 2):  # the goal's reads
        simulate(change, weeks=2)
