from django.test import Client

from world.progression.factories import KudosSourceCategoryFactory
from world.progression.services import award_kudos, award_xp


def test_the_page_sends_anonymous_visitors_to_log_in(db):
    response = Client().get("/progression/")
    assert response.status_code == 302
    assert "/auth/login/" in response["Location"]


def test_the_page_renders_its_shell_and_sets_the_csrf_cookie(account):
    client = Client()
    client.force_login(account)
    response = client.get("/progression/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="claim-form"' in html and 'id="weekly-chart"' in html
    assert "progression/progression.js" in html
    assert "csrftoken" in response.cookies


def test_logged_in_players_see_the_progression_link_in_the_menu(account):
    client = Client()
    client.force_login(account)
    assert 'href="/progression/">Progression</a>' in client.get("/").content.decode()
    assert 'href="/progression/">Progression</a>' not in Client().get("/").content.decode()


def test_weekly_earnings_cover_twelve_weeks_with_this_weeks_awards(account, other_account):
    award_xp(account, 7)
    award_kudos(account, 3, KudosSourceCategoryFactory(), awarded_by=other_account)
    client = Client()
    client.force_login(account)
    weeks = client.get("/api/progression/account/weekly/").json()["weeks"]
    assert len(weeks) == 12
    assert (weeks[-1]["xp_earned"], weeks[-1]["kudos_earned"]) == (7, 3)
    assert all(w["xp_earned"] == 0 for w in weeks[:-1])


def test_weekly_earnings_take_a_constant_number_of_queries(account, django_assert_max_num_queries):
    for _ in range(30):
        award_xp(account, 1)
    client = Client()
    client.force_login(account)
    # Session and user (Evennia's auth middleware) plus one aggregate each for XP and kudos.
    with django_assert_max_num_queries(6):
        assert client.get("/api/progression/account/weekly/").status_code == 200


def test_the_page_asks_for_every_shop_in_one_request(account):
    client = Client()
    client.force_login(account)

    html = client.get("/progression/").content.decode()

    assert 'data-shops="/api/progression/characters/shops/"' in html
