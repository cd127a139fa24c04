"""The `email` command: the address that tells players apart for kudos, votes, training and
scene credit, and staff's word for an account that has none."""

from __future__ import annotations

from ..selectors.players import OWN_PLAYER_ATTRIBUTE, player_identity
from ..services.players import confirm_own_player, set_account_email, withdraw_own_player
from .base import CommandInputError, ProgressionCommand, shown


class CmdEmail(ProgressionCommand):
    """
    Your account's email address: how the game tells players apart.

    Usage:
      email
      email <address>
      email/set <player> = <address>      (staff)
      email/own <player> [= why]          (staff)
      email/unown <player>                (staff)

    Kudos, votes, training and scene credit pass only between players the
    game can tell apart, so an account needs an email address for them (one
    address is one player, however it is written). 'email' shows yours and
    'email <address>' sets it. Staff can set a player's address, or confirm
    that an account without one is a player of its own (email/own): that is
    recorded with who said so and when.
    """

    key = "email"
    switch_options = ("set", "own", "unown")
    staff_switches = ("set", "own", "unown")
    usage = "Usage: email [<address>]"

    def run(self):
        for switch in self.switch_options:
            if switch in self.switches:
                getattr(self, switch)()
                return
        account = self.player_account
        if self.args.strip():
            email = set_account_email(account=account, email=self.args, by=account)
            self.msg(f"Your email address is now {shown(email)}.")
            return
        if account.email:
            known = player_identity(account) is not None
            state = "" if known else " (not an address the game can use: set another)"
            self.msg(f"Your email address is {shown(account.email)}{state}.")
        elif player_identity(account) is not None:
            self.msg("No email address; staff have confirmed you as a player of your own.")
        else:
            self.msg(
                "No email address: set one with 'email <address>' to give kudos, vote, train "
                "and earn scene credit."
            )

    def set(self):
        self.usage = "Usage: email/set <player> = <address>"
        self.require_equals()
        account = self.find_account(self.lhs)
        email = set_account_email(account=account, email=self.rhs, by=self.player_account)
        self.msg(f"{account.key}'s email address is now {shown(email)}.")

    def own(self):
        self.usage = "Usage: email/own <player> [= why]"
        name = self.lhs if self.rhs is not None else self.args
        account = self.find_account(name)
        if account.email and player_identity(account) is not None:
            raise CommandInputError(f"{account.key} has an email address: nothing to confirm.")
        confirm_own_player(account=account, by=self.player_account, note=self.rhs or "")
        self.msg(f"{account.key} is confirmed as a player of their own (recorded).")

    def unown(self):
        self.usage = "Usage: email/unown <player>"
        account = self.find_account(self.args)
        key, category = OWN_PLAYER_ATTRIBUTE
        if not account.attributes.has(key, category=category):
            raise CommandInputError(f"{account.key} has no confirmation to withdraw.")
        withdraw_own_player(account=account, by=self.player_account)
        self.msg(f"{account.key} is no longer confirmed as a player of their own.")
