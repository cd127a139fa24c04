"""In-game `chardelete` asks the same rule as the website's delete page: a character that
holds progression is not offered for deletion."""

from evennia.objects.models import ObjectDB

from commands.account import CmdCharDelete
from world.progression.services import award_character_xp


def delete_own(play, account, name):
    play.account = account
    return play.call(CmdCharDelete(), f" {name}", caller=account)


def test_chardelete_refuses_a_character_that_holds_progression(play, account, player):
    account.characters.add(player)
    award_character_xp(player, 5, description="Quest reward")

    reply = delete_own(play, account, "alice")

    assert reply == (
        "Alice cannot be deleted: it holds progression (purchases or XP and development "
        "history). Ask staff if it must go."
    )
    assert ObjectDB.objects.filter(pk=player.pk).exists()


def test_chardelete_still_offers_a_character_without_progression(play, account, player):
    account.characters.add(player)

    reply = delete_own(play, account, "Alice")

    assert reply.startswith("This will permanently destroy 'Alice'.")


def test_the_account_command_set_holds_the_game_chardelete(db):
    from commands.default_cmdsets import AccountCmdSet

    chosen = [command for command in AccountCmdSet().commands if command.key == "chardelete"]

    assert [type(command) for command in chosen] == [CmdCharDelete]
