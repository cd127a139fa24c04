"""The weekly rules: ISO weeks, a diminishing XP scale for votes, and who is a new partner."""

from datetime import UTC, datetime
from itertools import combinations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from world.voting.rules import (
    new_partner_xp,
    new_partners,
    previous_week,
    scene_xp,
    vote_xp,
    week_bounds,
    week_of,
)


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


# A scene as the rule reads it: its players, each with the account credited for them (player
# n plays from account n or from their alt's, n + 10).
a_scene = st.dictionaries(st.integers(0, 5), st.sampled_from([0, 10]), min_size=2, max_size=4).map(
    lambda alts: {f"p{player}": player + alt for player, alt in alts.items()}
)


@given(this_week=st.lists(a_scene, max_size=8), before=st.lists(a_scene, max_size=8))
def test_each_new_pair_pays_each_of_its_players_once(this_week, before):
    found = new_partners(dict(enumerate(this_week)), [set(scene) for scene in before])

    def pairs(scenes):
        return {pair for scene in scenes for pair in combinations(sorted(scene), 2)}

    new = pairs(this_week) - pairs(before)
    by_player = {}
    for account, count in found.items():
        by_player[f"p{account % 10}"] = by_player.get(f"p{account % 10}", 0) + count
    in_new_pairs = [player for pair in new for player in pair]
    assert by_player == {player: in_new_pairs.count(player) for player in set(in_new_pairs)}


@given(partners=st.integers(0, 50), per_partner=st.integers(0, 10), cap=st.integers(0, 10))
def test_the_bonus_never_passes_the_cap(partners, per_partner, cap):
    assert new_partner_xp(partners, per_partner, cap) <= cap * per_partner
    assert new_partner_xp(partners, per_partner, cap) == min(partners, cap) * per_partner
