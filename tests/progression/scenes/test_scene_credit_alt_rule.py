"""Scene credit obeys the one alt rule: a scene run by one's own alt (the same mailbox, however
written) or by an account without an email pays its players nothing; a participant without an
email earns nothing until they have one or staff confirm them."""

import pytest

from typeclasses.factories import AccountFactory, CharacterFactory
from world.progression.models import DevelopmentTransaction
from world.progression.services.players import confirm_own_player
from world.scenes.factories import (
    SceneFactory,
    SceneParticipationFactory,
    SceneTraitUseFactory,
    play_to_qualify,
)
from world.scenes.services import finish_scene
from world.traits.factories import TraitFactory

pytestmark = pytest.mark.django_db


def played_scene(gm_email: str, player_email: str):
    """A scene GMed by an account with `gm_email`, where a player's character checked a trait."""
    scene = SceneFactory()
    gm, player = AccountFactory(email=gm_email), AccountFactory(email=player_email)
    gm_character = CharacterFactory()
    SceneParticipationFactory(scene=scene, character=gm_character, account=gm, is_gm=True)
    character = CharacterFactory(account=player)
    SceneParticipationFactory(scene=scene, character=character, account=player)
    SceneTraitUseFactory(scene=scene, character=character, trait=TraitFactory(), uses=3)
    play_to_qualify(scene, gm_character, character)
    return scene, character, player


@pytest.mark.parametrize(
    "gm_email,player_email",
    [
        ("main@gmail.com.", "m.a.i.n@gmail.com"),  # the GM is the player's alt
        ("", "main@example.com"),  # the GM could be anyone's alt
        ("gm@example.com", ""),  # the player could be the GM's alt
    ],
)
def test_a_scene_the_alt_rule_cannot_credit_pays_nothing(gm_email, player_email):
    scene, _character, _player = played_scene(gm_email, player_email)

    result = finish_scene(scene)

    assert result.transactions == []
    assert not DevelopmentTransaction.objects.exists()


def test_a_scene_between_two_players_pays():
    scene, character, _player = played_scene("gm@example.com", "player@example.com")

    assert [row.character_id for row in finish_scene(scene).transactions] == [character.pk]


def test_a_player_staff_confirmed_is_credited_without_an_email(staff_account):
    scene, character, player = played_scene("gm@example.com", "")
    confirm_own_player(account=player, by=staff_account, note="known player")

    assert [row.character_id for row in finish_scene(scene).transactions] == [character.pk]
