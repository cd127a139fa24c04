"""The weekly rules: ISO weeks, and a diminishing XP scale for votes."""

from datetime import UTC, datetime

import pytest

from world.voting.rules import previous_week, scene_xp, vote_xp, week_bounds, week_of


def test_weeks_are_iso_weeks_across_the_new_year():
    assert week_of(datetime(2027, 1, 1, tzinfo=UTC)) == "2026-W53"
    assert week_bounds("2026-W53") == (
        datetime(2026, 12, 28, tzinfo=UTC),
        datetime(2027, 1, 4, tzinfo=UTC),
    )
    assert previous_week(datetime(2026, 11, 30, 0, 1, tzinfo=UTC)) == "2026-W48"


@pytest.mark.parametrize("text", ["", "2026-48", "2026-W00", "2025-W53", "2026-W5", "20260-W01"])
def test_a_week_that_does_not_exist_is_refused(text):
    with pytest.raises(ValueError):
        week_bounds(text)


def test_each_vote_is_worth_less_and_votes_past_the_scale_nothing():
    scale = (3, 2, 1)
    assert [vote_xp(votes, scale) for votes in range(6)] == [0, 3, 5, 6, 6, 6]


def test_the_scene_bonus_is_capped():
    assert [scene_xp(scenes, 2, 5) for scenes in range(5)] == [0, 2, 4, 5, 5]
