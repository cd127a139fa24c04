"""The simulator's admin page: linked from the cost charts, a GET form, before and after."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_cost_charts_link_to_the_simulator(admin_client):
    page = admin_client.get(reverse("admin:progression_xpcostchart_changelist"))
    assert reverse("admin:progression_simulate") in page.content.decode()


def test_the_page_shows_a_form_until_a_change_is_asked(admin_client):
    page = admin_client.get(reverse("admin:progression_simulate"))
    assert page.status_code == 200
    assert 'name="vote_scale"' in page.content.decode()
    assert "simulation-weeks" not in page.content.decode()


def test_the_page_shows_before_and_after(admin_client, sample_economy):
    page = admin_client.get(
        reverse("admin:progression_simulate"),
        {"weeks": 2, "charts": "Standard:1=150", "class_modifiers": "", "vote_scale": "6,4,4"},
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "<td>Warrior level 1</td><td>1</td><td>100</td><td>150</td><td>50</td>" in html
    assert "<td>10</td><td>17</td>" in html  # the second week's XP issued, before and after
    assert "simulation-goals" in html


def test_a_bad_change_is_shown_as_a_form_error(admin_client, sample_economy):
    page = admin_client.get(
        reverse("admin:progression_simulate"), {"weeks": 2, "class_modifiers": "Mage=50"}
    )
    assert "No class is called" in page.content.decode()


def test_players_cannot_open_the_simulator(client, account):
    client.force_login(account)
    page = client.get(reverse("admin:progression_simulate"))
    assert page.status_code == 302
