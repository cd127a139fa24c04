"""Your characters and their development points; someone else's character is a 403."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from evennia.utils import create

from typeclasses.factories import CharacterFactory
from world.progression.models import DevelopmentPoints
from world.traits.factories import CharacterTraitValueFactory, TraitFactory

pytestmark = pytest.mark.django_db


def test_lists_only_your_characters(player, account, other_account):
    mine = CharacterFactory(account=account, key="Brunhild")
    CharacterFactory(account=other_account)

    response = player.get("/api/progression/characters/")

    assert response.status_code == 200
    assert response.json() == [
        {
            "id": mine.pk,
            "name": "Brunhild",
            "locked_xp": 0,
            "transferable_xp": 0,
            "goal": None,
            "paths": [],
        }
    ]


def test_lists_each_characters_unspent_xp_by_kind(player, account):
    from world.progression.models import CharacterXP

    ayla = CharacterFactory(account=account, key="Ayla")
    player.get("/api/progression/characters/")
    with CaptureQueriesContext(connection) as one_character:
        player.get("/api/progression/characters/")
    bren = CharacterFactory(account=account, key="Bren")
    CharacterXP.objects.create(character=ayla, transferable=False, total_earned=20, total_spent=5)
    CharacterXP.objects.create(character=ayla, transferable=True, total_earned=7)
    CharacterXP.objects.create(character=bren, transferable=True, total_earned=9, total_spent=9)

    with CaptureQueriesContext(connection) as two_characters:
        response = player.get("/api/progression/characters/")

    # The XP comes in the same single query as the list: no query per character.
    assert len(two_characters.captured_queries) == len(one_character.captured_queries)

    assert response.json() == [
        {
            "id": ayla.pk,
            "name": "Ayla",
            "locked_xp": 15,
            "transferable_xp": 7,
            "goal": None,
            "paths": [],
        },
        {
            "id": bren.pk,
            "name": "Bren",
            "locked_xp": 0,
            "transferable_xp": 0,
            "goal": None,
            "paths": [],
        },
    ]


def test_development_points_per_trait_with_current_value(player, account):
    character = CharacterFactory(account=account)
    sword = TraitFactory(name="swords")
    DevelopmentPoints.objects.create(character=character, trait=sword, total_earned=7)
    CharacterTraitValueFactory(character=character, trait=sword, value=25)

    response = player.get(f"/api/progression/characters/{character.pk}/development/")

    assert response.status_code == 200
    [row] = response.json()
    assert row["trait"] == "swords"
    assert row["total_earned"] == 7
    assert row["banked_points"] == 0
    assert row["current_value"] == 25


def test_someone_elses_character_is_a_403(player, other_account):
    theirs = CharacterFactory(account=other_account)

    response = player.get(f"/api/progression/characters/{theirs.pk}/development/")

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_unknown_character_is_a_404(player):
    response = player.get("/api/progression/characters/987654/development/")

    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "detail": "Not found."}


def test_an_object_that_is_not_a_character_is_a_404(player):
    rock = create.create_object("typeclasses.objects.Object", key="rock")

    response = player.get(f"/api/progression/characters/{rock.pk}/development/")

    assert response.status_code == 404


def test_anonymous_request_is_a_401(anonymous_client, character):
    response = anonymous_client.get(f"/api/progression/characters/{character.pk}/development/")

    assert response.status_code == 401


def test_a_character_moved_to_another_account_belongs_to_its_new_account(
    client_for, account, other_account
):
    moved = CharacterFactory(account=account, key="Wanderer")
    account.characters.remove(moved)
    other_account.characters.add(moved)
    development = f"/api/progression/characters/{moved.pk}/development/"

    old_owner, new_owner = client_for(account), client_for(other_account)

    assert old_owner.get(development).status_code == 403
    assert new_owner.get(development).status_code == 200
    assert old_owner.get("/api/progression/characters/").json() == []
    assert [c["id"] for c in new_owner.get("/api/progression/characters/").json()] == [moved.pk]


def test_a_character_added_with_characters_add_is_its_accounts(client_for, account):
    added = create.create_object("typeclasses.characters.Character", key="Foundling")
    account.characters.add(added)

    response = client_for(account).get(f"/api/progression/characters/{added.pk}/development/")

    assert response.status_code == 200


def test_an_id_too_large_for_the_database_is_a_404(player):
    response = player.get(f"/api/progression/characters/{2**64}/development/")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_lists_the_paths_each_character_chose_in_stage_order(player, account):
    from world.classes.factories import CharacterClassLevelFactory, PathFactory
    from world.classes.models import PathStage
    from world.progression.services import select_path

    ayla = CharacterFactory(account=account, key="Ayla")
    CharacterClassLevelFactory(character=ayla, level=6)
    blade = PathFactory(name="Blade", stage=PathStage.PROSPECT)
    edge = PathFactory(name="Edge", stage=PathStage.POTENTIAL)
    edge.parent_paths.add(blade)
    select_path(ayla, blade)
    select_path(ayla, edge)

    (row,) = player.get("/api/progression/characters/").json()

    assert row["paths"] == ["Blade (Prospect)", "Edge (Potential)"]


def test_lists_each_characters_goal_with_what_is_saved_in_constant_queries(
    player, account, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from world.classes.factories import CharacterClassFactory
    from world.progression.factories import ClassLevelUnlockFactory, price_unlock
    from world.progression.services import award_xp
    from world.progression.services.plans import set_goal

    warrior = CharacterClassFactory(name="Warrior")
    levels = [ClassLevelUnlockFactory(character_class=warrior, target_level=n) for n in (1, 2)]
    for level in levels:
        price_unlock(level, 20)
    award_xp(account, 25)
    ayla = CharacterFactory(account=account, key="Ayla")
    set_goal(character=ayla, unlock=levels[1])
    with CaptureQueriesContext(connection) as one:
        (row,) = player.get("/api/progression/characters/").json()
    for name in ("Bren", "Cato"):
        set_goal(character=CharacterFactory(account=account, key=name), unlock=levels[0])

    with django_assert_max_num_queries(len(one.captured_queries)):
        rows = player.get("/api/progression/characters/").json()

    assert row["goal"] == {"unlock": "Warrior level 2", "total_xp": 40, "saved_xp": 25}
    assert [r["goal"]["total_xp"] for r in rows] == [40, 20, 20]
