"""The alt rule through the commands: a trailing dot does not make a new mailbox, and an account
without an email gives, receives and teaches nothing until it has one or staff say it is a
player of its own (`email`, `email/own`)."""

import pytest
from evennia.accounts.models import AccountDB
from evennia.utils import create

from world.progression.models import DevelopmentTransaction, KudosTransaction
from world.progression.selectors.players import OWN_PLAYER_ATTRIBUTE
from world.traits.factories import CharacterTraitValueFactory, TraitFactory

pytestmark = pytest.mark.django_db

NO_EMAIL = (
    "Your account has no email address, so the game cannot tell you from another player's "
    "alt: set one with 'email <address>' or ask staff."
)


def unwrapped(reply: str) -> str:
    """A refusal as one sentence: replies wider than 80 columns arrive wrapped."""
    return " ".join(reply.split("\n"))


def set_email(account, email):
    AccountDB.objects.filter(pk=account.pk).update(email=email)
    account.email = email


def test_a_trailing_dot_on_the_domain_is_the_same_mailbox(
    play, player, other_player, vote_category
):
    set_email(player.account, "main@gmail.com")
    set_email(other_player.account, "m.a.i.n+alt@gmail.com.")

    out = play(player, f"kudos/give {other_player.account.key} = great scene")

    assert out == "You cannot give kudos to your own alt accounts."
    assert not KudosTransaction.objects.exists()


def test_an_account_without_email_cannot_give_kudos(play, player, other_player, vote_category):
    set_email(player.account, "")

    assert unwrapped(play(player, f"kudos/give {other_player.account.key} = thanks")) == NO_EMAIL
    assert not KudosTransaction.objects.exists()


def test_kudos_cannot_go_to_an_account_without_email(play, player, other_player, vote_category):
    set_email(other_player.account, "")

    out = unwrapped(play(player, f"kudos/give {other_player.account.key} = thanks"))

    assert out == (
        f"{other_player.account.key}'s player has no email address on record, so the game "
        "cannot tell them from your alt; they can set one with 'email <address>'."
    )
    assert not KudosTransaction.objects.exists()


def test_setting_an_email_opens_kudos(play, player, other_player, vote_category):
    set_email(player.account, "")

    assert play(player, "email not-an-address") == (
        "That is not an email address, e.g. ann@example.com."
    )
    assert play(player, "email alice@example.org") == "Your email address is now alice@example.org."
    assert play(player, f"kudos/give {other_player.account.key} = thanks").startswith("You give")


def test_staff_confirm_an_account_without_email_as_its_own_player(
    play, player, other_player, staff, vote_category
):
    set_email(player.account, "")

    out = play(staff, f"email/own {player.account.key} = met them at the meetup")

    assert out == f"{player.account.key} is confirmed as a player of their own (recorded)."
    record = player.account.attributes.get(
        OWN_PLAYER_ATTRIBUTE[0], category=OWN_PLAYER_ATTRIBUTE[1]
    )
    assert (record["by"], record["note"]) == (staff.account.username, "met them at the meetup")
    assert play(player, f"kudos/give {other_player.account.key} = thanks").startswith("You give")


def test_players_cannot_confirm_or_set_other_accounts(play, player, other_player):
    assert play(player, f"email/own {player.account.key}") == "Only staff can use email/own."
    assert play(player, f"email/set {other_player.account.key} = x@example.com") == (
        "Only staff can use email/set."
    )


def test_a_teacher_without_email_cannot_teach(play, player, other_player):
    lore = TraitFactory(name="Lore", category="mental")
    CharacterTraitValueFactory(character=player, trait=lore, value=30)
    room = create.create_object("typeclasses.rooms.Room", key="Library")
    for character in (player, other_player):
        character.location = room
        character.save()
    set_email(player.account, "")

    assert unwrapped(play(player, "train bruno = lore")) == NO_EMAIL
    assert not DevelopmentTransaction.objects.exists()
