"""The site around the game: the home page says what a player gets here, with links, and the
login page sits in the site's frame (header, menu and footer) like every other page."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_home_page_says_what_a_player_gets_with_links():
    page = Client().get("/").content.decode()

    assert "Welcome to Evennia!" not in page
    for offer in ("Progression", "Scenes", "Votes"):
        assert f">{offer}</h2>" in page
    assert "/progression/" in page
    assert 'href="/webclient/"' in page
    assert 'href="/api/progression/docs/"' in page


def test_home_page_links_a_logged_in_player_to_their_progression_page(account):
    client = Client()
    client.force_login(account)

    page = client.get("/").content.decode()

    assert 'href="/progression/">Your progression page' in page


def test_login_page_has_the_sites_header_and_menu():
    page = Client().get("/auth/login/").content.decode()

    assert 'class="navbar' in page
    assert "<footer" in page
    assert 'name="username"' in page and 'name="password"' in page
    assert page.count('id="main-copy"') == 1
