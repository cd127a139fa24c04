"""The achievements rules: which achievements a play event moves (the contrib's own matching),
and how far a character stands on one, as players read it."""

import pytest
from evennia.contrib.game_systems.achievements.achievements import all_achievements

from world.progression.rules.achievements import (
    PLAY_EVENTS,
    SCENE_QUALIFIED,
    achievement_status,
    counts_toward,
    open_to,
)


@pytest.mark.parametrize("event", PLAY_EVENTS, ids=lambda event: event.category)
def test_every_event_the_game_reports_moves_an_achievement_of_the_game(event):
    assert any(counts_toward(definition, event) for definition in all_achievements().values())


def test_an_event_moves_only_what_is_open_to_the_character():
    definitions = {
        "first": {"category": "scene", "tracking": "qualified"},
        "many": {"category": "scene", "tracking": "qualified", "count": 3},
        "after": {"category": "scene", "prereqs": "many"},
        "other": {"category": "vote", "tracking": "received"},
    }
    progress = {"first": {"progress": 1, "completed": True}, "many": {"progress": 1}}

    assert open_to(definitions, progress, SCENE_QUALIFIED) == ["many"]
    assert open_to(definitions, {"many": {"completed": True}}, SCENE_QUALIFIED) == [
        "first",
        "after",
    ]


@pytest.mark.parametrize(
    ("definition", "progress", "shown"),
    [
        ({"name": "A"}, {}, "not started"),
        ({"name": "A", "count": 10}, {}, "0/10"),
        ({"name": "A", "count": 10}, {"a": {"progress": 3}}, "3/10"),
        ({"name": "A", "count": 2}, {"a": {"progress": 2, "completed": True}}, "earned"),
        ({"name": "A", "prereqs": "b"}, {}, "after B"),
        (
            {"name": "A", "tracking": ["x", "y", "z"], "tracking_type": "separate", "count": 2},
            {"a": {"progress": [2, 1, 0]}},
            "1/3",
        ),
    ],
)
def test_progress_reads_as_earned_a_count_or_not_started(definition, progress, shown, monkeypatch):
    import world.progression.rules.achievements as rules

    monkeypatch.setattr(rules, "get_achievement", lambda key: {"name": key.upper()})

    assert achievement_status("a", definition, progress).progress_text == shown
