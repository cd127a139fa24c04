"""`manage.py progression_simulate`: parses the change, prints before and after, writes nothing."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def simulate(*args) -> str:
    out = StringIO()
    call_command("progression_simulate", "--weeks", "2", *args, stdout=out)
    return out.getvalue()


def test_the_command_prints_weeks_prices_and_goals_before_and_after(sample_economy):
    text = simulate("--chart", "Standard:1=150,3=600", "--vote-scale", "6,4,4")
    lines = text.splitlines()
    assert "nothing is written" in lines[0]
    first, second = (str(sample_economy[week]) for week in ("first_week", "second_week"))
    first_row = next(line for line in lines if line.startswith(first))
    assert first_row.split() == [first, "150", "150", "100", "150", "0", "0"]
    second_row = next(line for line in lines if line.startswith(second))
    assert second_row.split()[1:3] == ["10", "17"]
    price_row = ["Warrior", "level", "1", "1", "100", "150", "+50"]
    assert any(line.split() == price_row for line in lines)
    assert "Weeks to goal or next level (2 characters):" in text
    goals = lines.index("Weeks to goal or next level (2 characters):")
    before, after = lines[goals + 2], lines[goals + 3]
    assert before.split() == ["before", "1", "58", "0"]
    assert after.split() == ["after", "1", "70", "0"]  # 590 XP missing at 8.5 a week


def test_the_command_writes_nothing(sample_economy):
    with CaptureQueriesContext(connection) as captured:
        simulate("--class-modifier", "Warrior=80", "--scene-points-per-use", "3")
    statements = [query["sql"].lstrip().upper() for query in captured.captured_queries]
    assert not [sql for sql in statements if sql.startswith(("INSERT", "UPDATE", "DELETE"))]


def test_the_command_refuses_an_unknown_class(sample_economy):
    with pytest.raises(CommandError, match="No class is called 'Mage'"):
        simulate("--class-modifier", "Mage=50")
