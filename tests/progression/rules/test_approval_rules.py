"""The two-person rule's arithmetic: the size of a move is what counts, either way, against its
pool's threshold; a request's hours left round up."""

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from world.progression.rules.approvals import hours_left, needs_second_staff

amounts = st.integers(min_value=-10_000, max_value=10_000).filter(bool)
thresholds = st.integers(min_value=0, max_value=10_000)


@given(amounts, thresholds)
def test_a_move_needs_a_second_staff_member_exactly_when_its_size_is_over_the_threshold(
    amount, threshold
):
    assert needs_second_staff(amount, threshold) == (abs(amount) > threshold)
    assert needs_second_staff(amount, threshold) == needs_second_staff(-amount, threshold)


@given(amounts)
def test_a_pool_without_a_threshold_never_needs_one(amount):
    assert needs_second_staff(amount, None) is False


@given(st.integers(min_value=1, max_value=1_000), st.integers(min_value=0, max_value=3_599))
def test_hours_left_round_up_and_stop_at_zero(hours, seconds_short):
    now = datetime(2026, 1, 1, tzinfo=UTC)
    expires = now + timedelta(hours=hours) - timedelta(seconds=seconds_short)

    assert hours_left(expires, now) == hours
    assert hours_left(now - timedelta(seconds=seconds_short), now) == 0
