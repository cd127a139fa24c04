"""Week names are ASCII "YYYY-Www" naming a real ISO week of a year from 1900 to 9998, parsed by
one rule (world.progression.rules.weeks); anything else is one line, never a second payment or a
traceback."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import CommandError, call_command
from hypothesis import given
from hypothesis import strategies as st
from scene_harness import played_character

from typeclasses.factories import AccountFactory
from world.progression.models import XPTransaction
from world.progression.rules.weeks import FIRST_YEAR, LAST_YEAR, week_bounds, week_of
from world.voting.services import cast_vote


@pytest.mark.parametrize(
    "week",
    [
        # full-width digits: int() reads them, and the payment key did not match
        "\uff12\uff10\uff12\uff16-W47",
        "2026-W\uff14\uff17",
        "\u0662\u0660\u0662\u0666-W47",  # Arabic-Indic digits
        "9999-W52",  # a traceback: the week's end is past what dates hold
        "9999-W01",
        "1899-W10",
        "0001-W01",
        "2025-W53",  # 2025 has 52 weeks
        "2026-W00",
        "2026-w47",
        " 2026-W47",
        "2026-W47\n",
        "2026-W047",
    ],
)
def test_the_management_command_refuses_a_week_name_that_is_not_ascii_yyyy_www(db, week):
    with pytest.raises(CommandError) as refused:
        call_command("progression_week", "--week", week)

    assert "is not a week: write it as YYYY-Www" in str(refused.value)
    assert "\n" not in str(refused.value)
    assert not XPTransaction.objects.exists()


def test_a_week_paid_once_is_not_paid_again_under_a_full_width_name(room, capsys):
    ann = played_character(AccountFactory(key="ann"), room, "Ann")
    ben = played_character(AccountFactory(key="ben"), room, "Ben")
    cast_vote(voter=ben.account, character=ann, now=datetime(2026, 11, 18, 20, tzinfo=UTC))
    call_command("progression_week", "--week", "2026-W47")

    with pytest.raises(CommandError):
        call_command("progression_week", "--week", "\uff12\uff10\uff12\uff16-W47")

    assert XPTransaction.objects.filter(account=ann.account).count() == 1


def test_a_year_with_53_weeks_has_its_53rd(db):
    assert week_bounds("2026-W53")[0] == datetime(2026, 12, 28, tzinfo=UTC)


@given(st.datetimes(min_value=datetime(FIRST_YEAR, 1, 8), max_value=datetime(LAST_YEAR, 12, 24)))
def test_every_week_name_the_game_writes_is_one_the_parser_reads_back(moment):
    week = week_of(moment)
    start, end = week_bounds(week)

    assert start <= moment.replace(tzinfo=UTC) < end == start + timedelta(days=7)


@given(st.from_regex(r"\d{4}-[Ww]\d{2}", fullmatch=True) | st.text(max_size=12))
def test_any_week_name_the_parser_accepts_round_trips(text):
    try:
        start, _end = week_bounds(text)
    except ValueError:
        return
    assert text.isascii()
    assert week_of(start) == text
