"""The game's command sets: Evennia's defaults plus the progression commands."""

from evennia import default_cmds

from commands.account import CmdCharDelete
from world.progression.commands import ACCOUNT_PROGRESSION_COMMANDS, PROGRESSION_COMMANDS
from world.scenes.commands import SCENE_COMMANDS
from world.voting.commands import VOTING_COMMANDS


class CharacterCmdSet(default_cmds.CharacterCmdSet):
    """Commands available to a puppeted character."""

    key = "DefaultCharacter"

    def at_cmdset_creation(self):
        super().at_cmdset_creation()
        for command in PROGRESSION_COMMANDS:
            self.add(command())
        for command in (*SCENE_COMMANDS, *VOTING_COMMANDS):
            self.add(command())


class AccountCmdSet(default_cmds.AccountCmdSet):
    """Commands available to the account, puppeting or not."""

    key = "DefaultAccount"

    def at_cmdset_creation(self):
        super().at_cmdset_creation()
        # Out of character too; while a character is played, its own copies take precedence.
        for command in (*ACCOUNT_PROGRESSION_COMMANDS, *VOTING_COMMANDS):
            self.add(command())
        self.add(CmdCharDelete())  # replaces Evennia's: refuses a character holding progression


class UnloggedinCmdSet(default_cmds.UnloggedinCmdSet):
    """Commands available before logging in."""

    key = "DefaultUnloggedin"


class SessionCmdSet(default_cmds.SessionCmdSet):
    """Commands available to the session itself."""

    key = "DefaultSession"
