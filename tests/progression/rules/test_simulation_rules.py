"""The simulator's arithmetic: an empty change changes no price, percentiles and weeks to
afford behave as documented."""

import math

from hypothesis import given
from hypothesis import strategies as st

from world.progression.rules.simulation import (
    CostLink,
    ProposedChange,
    parse_chart_entries,
    percentile,
    price_table,
    week_rows,
    weeks_to_afford,
)

costs = st.dictionaries(st.integers(1, 10), st.integers(0, 10_000), max_size=10)
links = st.lists(
    st.builds(
        CostLink,
        kind=st.sampled_from(["class_level", "trait_rating"]),
        subject=st.integers(1, 5),
        chart=st.integers(1, 3),
        modifier=st.integers(1, 300),
        chart_active=st.booleans(),
    ),
    max_size=6,
)


@given(st.dictionaries(st.integers(1, 3), costs), links)
def test_a_change_that_restates_today_changes_no_price(entries, cost_links):
    today = ProposedChange(
        chart_entries=entries,
        class_modifiers={
            link.subject: link.modifier for link in cost_links if link.kind == "class_level"
        },
    )
    # Only the last link of a subject counts its modifier; restate it per link instead.
    assert price_table(entries, cost_links) == price_table(entries, cost_links, ProposedChange())
    for link in cost_links:
        if link.kind == "class_level" and today.class_modifiers[link.subject] != link.modifier:
            return
    assert price_table(entries, cost_links, today) == price_table(entries, cost_links)


@given(st.dictionaries(st.integers(1, 10), st.integers(1, 1000), min_size=1), st.integers(1, 400))
def test_a_higher_modifier_never_lowers_a_price(levels, modifier):
    link = CostLink("trait_rating", 1, 1, 100)
    before = price_table({1: levels}, [link])
    after = price_table({1: levels}, [link], ProposedChange(trait_modifiers={1: modifier}))
    for key, price in before.items():
        assert (after[key] >= price) == (modifier >= 100) or after[key] == price


@given(st.lists(st.integers(0, 100), min_size=1))
def test_the_median_is_never_above_the_p90(values):
    assert percentile(values, 0.5) <= percentile(values, 0.9)
    assert min(values) <= percentile(values, 0.5) <= max(values)


@given(st.integers(0, 10_000), st.integers(0, 10_000), st.floats(0.1, 1000))
def test_a_faster_rate_never_takes_longer(price, saved, rate):
    assert weeks_to_afford(price, saved=saved, weekly_rate=rate * 2) <= weeks_to_afford(
        price, saved=saved, weekly_rate=rate
    )


def test_a_character_that_earns_nothing_never_affords_what_it_cannot_pay_now():
    assert weeks_to_afford(100, saved=40, weekly_rate=0) == math.inf
    assert weeks_to_afford(100, saved=100, weekly_rate=0) == 0
    assert weeks_to_afford(100, saved=40, weekly_rate=20) == 3


def test_week_rows_add_the_differences_and_never_go_below_zero():
    from datetime import date

    monday = date(2026, 11, 30)
    [row] = week_rows([monday], {monday: (10, 5, 3)}, {monday: (4, -9, 0)})
    assert (row.issued_after, row.spent_after, row.development_after) == (14, 0, 3)


def test_chart_text_is_read_as_levels_and_costs():
    assert parse_chart_entries("Standard: 1=120, 2=240") == ("Standard", {1: 120, 2: 240})
