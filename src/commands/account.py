"""The game's versions of Evennia's account commands, where the game adds a rule of its own."""

from evennia.commands.default import account as evennia_account
from evennia.utils import make_iter

from world.progression.selectors import deletion_refusal


class CmdCharDelete(evennia_account.CmdCharDelete):
    """
    delete a character - this cannot be undone!

    Usage:
        chardelete <charname>

    Permanently deletes one of your characters. A character that holds
    progression (purchases, XP or development history) cannot be deleted
    this way: ask staff.
    """

    def at_pre_cmd(self):
        # Runs before Evennia's confirmation prompt, so a refused character is never offered
        # for deletion; the website's delete page asks the same rule.
        name = (self.args or "").strip().lower()
        for character in make_iter(self.account.characters):
            if character.key.lower() == name:
                refusal = deletion_refusal(character)
                if refusal:
                    self.msg(refusal)
                    return True
        return super().at_pre_cmd()
