"""GET /api/progression/account/version/: what an open page polls to see changes made elsewhere
(an award over telnet, a purchase, the weekly run) without reloading everything."""

import pytest

from typeclasses.factories import CharacterFactory
from world.progression.factories import ClassLevelUnlockFactory, TraitRatingUnlockFactory
from world.progression.services import award_character_xp, award_development, grant_achievement
from world.progression.services.plans import set_goal
from world.traits.factories import TraitFactory

URL = "/api/progression/account/version/"
pytestmark = pytest.mark.django_db

# The version's one statement plus the session read (the account comes from Evennia's identity
# map), whatever the number of characters and rows.
POLL_QUERIES = 2


def poll(client, etag=None):
    return client.get(URL, headers={"If-None-Match": etag} if etag else {})


def test_an_unchanged_account_answers_304_with_no_body(player):
    first = poll(player)

    again = poll(player, first["ETag"])

    assert first.status_code == 200
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]


def test_the_version_is_the_etag_and_is_never_cached_unasked(player):
    response = poll(player)

    assert response["ETag"] == f'"{response.json()["version"]}"'
    assert "no-cache" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_an_account_xp_award_changes_the_version(player, account, give_xp):
    before = poll(player)["ETag"]

    give_xp(account, 5)

    assert poll(player, before).status_code == 200


def test_a_kudos_award_changes_the_version(player, account, give_kudos):
    before = poll(player)["ETag"]

    give_kudos(account, 3)

    assert poll(player, before).status_code == 200


def test_character_xp_and_development_change_the_version(player, account):
    character = CharacterFactory(account=account)
    trait = TraitFactory(name="Swords")
    versions = [poll(player)["ETag"]]

    award_character_xp(character, 4, transferable=True)
    versions.append(poll(player)["ETag"])
    award_development(character=character, trait=trait, amount=5)
    versions.append(poll(player)["ETag"])

    assert len(set(versions)) == 3


def test_a_new_character_changes_the_version(player, account):
    before = poll(player)["ETag"]

    CharacterFactory(account=account)

    assert poll(player, before).status_code == 200


def test_another_accounts_award_leaves_the_version_alone(player, other_account, give_xp):
    before = poll(player)["ETag"]

    give_xp(other_account, 5)

    assert poll(player, before).status_code == 304


def test_anonymous_poll_is_refused_with_401(anonymous_client):
    assert anonymous_client.get(URL).status_code == 401


def test_a_304_poll_costs_one_query_beyond_the_session_whatever_the_rows(
    player, account, give_xp, give_kudos, django_assert_num_queries
):
    characters = [CharacterFactory(account=account) for _ in range(3)]
    for n in range(30):
        give_xp(account, 1, character=characters[n % 3])
        give_kudos(account, 1)
        award_character_xp(characters[n % 3], 1, transferable=False)
    etag = poll(player)["ETag"]  # also the first request after logging in (a session write)

    with django_assert_num_queries(POLL_QUERIES):
        response = poll(player, etag)

    assert response.status_code == 304


def test_an_achievement_earned_or_granted_changes_the_version(player, account, staff_account):
    character = CharacterFactory(account=account)
    before = poll(player)["ETag"]

    grant_achievement(character=character, key="first_vote", staff=staff_account, reason="x")

    assert poll(player, before).status_code == 200


def test_staff_corrections_and_a_path_chosen_change_the_version(player, account, staff_account):
    from world.classes.factories import CharacterClassFactory
    from world.progression.factories import PathFactory
    from world.progression.services import select_path
    from world.progression.services.corrections import correct_class_level, correct_trait_value

    character = CharacterFactory(account=account)
    versions = [poll(player)["ETag"]]

    correct_trait_value(
        character, TraitFactory(name="Grit"), 10, gm=staff_account, reason_text="missed"
    )
    versions.append(poll(player)["ETag"])
    correct_class_level(
        character, CharacterClassFactory(), 1, gm=staff_account, reason_text="story"
    )
    versions.append(poll(player)["ETag"])
    select_path(character, PathFactory(stage=1))
    versions.append(poll(player)["ETag"])

    assert len(set(versions)) == 4


def test_setting_and_clearing_a_goal_changes_the_version(player, account):
    character = CharacterFactory(account=account)
    without_goal = poll(player)["ETag"]

    set_goal(character=character, unlock=ClassLevelUnlockFactory())
    with_goal = poll(player, without_goal)
    set_goal(character=character, unlock=None)
    cleared = poll(player, with_goal["ETag"])

    assert with_goal.status_code == 200
    assert cleared.status_code == 200
    # Cleared, the page shows what it showed before the goal: the same version.
    assert cleared["ETag"] == without_goal


def test_another_goal_changes_the_version(player, account):
    character = CharacterFactory(account=account)
    set_goal(character=character, unlock=TraitRatingUnlockFactory())
    before = poll(player)["ETag"]

    set_goal(character=character, unlock=TraitRatingUnlockFactory())

    assert poll(player, before).status_code == 200


def test_a_poll_with_goals_set_still_costs_one_query_beyond_the_session(
    player, account, django_assert_num_queries
):
    for _ in range(3):
        set_goal(character=CharacterFactory(account=account), unlock=ClassLevelUnlockFactory())
    etag = poll(player)["ETag"]

    with django_assert_num_queries(POLL_QUERIES):
        unchanged = poll(player, etag)
    set_goal(character=CharacterFactory(account=account), unlock=ClassLevelUnlockFactory())
    with django_assert_num_queries(POLL_QUERIES):
        changed = poll(player, etag)

    assert (unchanged.status_code, changed.status_code) == (304, 200)
