"""The `xp` command: account and character XP, history pages, and the staff award and
correction switches. It works in character and out of character (from the account)."""

from __future__ import annotations

from ..conf import progression_settings
from ..models.approvals import StaffAction
from ..rules.history import describe
from ..rules.text import game_text
from ..selectors import account_dashboard, characters_with_xp
from ..selectors.history import account_history, history_row
from .base import (
    RECENT,
    CommandInputError,
    ProgressionCommand,
    date_text,
    parse_amount,
    parse_page,
    shown,
    signed,
    split_reason,
)
from .notices import away_summary
from .plan import goal_line


class CmdXP(ProgressionCommand):
    """
    Your experience points.

    Usage:
      xp
      xp/history [page]
      xp/away
      xp/award <player> = <amount> [: reason]            (staff)
      xp/correct <player> = <+amount or -amount> : reason (staff)

    Switches:
      history - everything that changed your numbers, newest first, ten to a
                page: account XP, your characters' locked and transferable XP,
                kudos, development and purchases with the price paid
      away    - what changed your numbers while you were last logged out
      award   - give a player XP (a GM award)
      correct - fix an account's XP by posting a correction; the reason is kept

    Without a switch, shows your account XP (available, earned and spent),
    the XP held by the character you are playing (locked XP can only be spent
    on that character; transferable XP too), and your last ten transactions.
    Out of character it shows the XP held by each of your characters.
    Unlocks draw on the character's locked XP first, then its transferable
    XP, then your account.
    """

    key = "xp"
    aliases = ["experience"]
    switch_options = ("history", "away", "award", "correct")
    staff_switches = ("award", "correct")
    usage = "Usage: xp, xp/history [page]"

    def run(self):
        if "award" in self.switches:
            self.award()
        elif "correct" in self.switches:
            self.correct()
        elif "history" in self.switches:
            self.history()
        elif "away" in self.switches:
            self.refuse_arguments()
            self.msg(away_summary(self.player_account) or "Nothing changed while you were away.")
        else:
            self.refuse_arguments()
            self.overview()

    def overview(self):
        account = self.player_account
        dashboard = account_dashboard(account, limit=RECENT, parts=("xp",))
        xp = dashboard["xp"]
        lines = [
            self.header("Experience"),
            f"Account XP: |w{xp['current_available']}|n available "
            f"({xp['total_earned']} earned, {xp['total_spent']} spent)",
        ]
        characters = [self.caller] if not self.out_of_character else self.owned_characters()
        for character, locked_xp, transferable_xp in characters_with_xp(c.pk for c in characters):
            lines.append(
                f"{shown(character.key)}'s XP: |w{locked_xp}|n locked, "
                f"|w{transferable_xp}|n transferable"
            )
        if not self.out_of_character and (goal := goal_line(self.caller)):
            lines.append(goal)
        transactions = dashboard["xp_transactions"]
        if transactions:
            lines += ["", "Recent transactions:", str(self.transaction_table(transactions))]
            if len(transactions) == RECENT:
                lines.append("Type |wxp/history 2|n for older ones.")
        else:
            lines.append("No XP transactions yet.")
        self.msg("\n".join(lines))

    def history(self):
        page = parse_page(self.args, "Usage: xp/history [page]")
        start = (page - 1) * RECENT
        window = [
            history_row(values)
            for values in account_history(self.player_account)[start : start + RECENT + 1]
        ]
        if not window:
            self.msg("No XP transactions yet." if page == 1 else f"There is no page {page}.")
            return
        rows = [(date_text(row["date"]), game_text(describe(row))) for row in window[:RECENT]]
        lines = [
            self.header(f"History, page {page}"),
            str(self.ledger_table(("Date", "What changed"), rows, fixed=(14,))),
        ]
        if len(window) > RECENT:
            lines.append(f"Type |wxp/history {page + 1}|n for older ones.")
        self.msg("\n".join(lines))

    def transaction_table(self, transactions):
        rows = []
        for row in transactions:
            details = shown(row.description)
            if row.character_id:
                name = shown(row.character_name)
                details = f"{details} ({name})" if details else name
            rows.append(
                (
                    date_text(row.transaction_date),
                    signed(row.amount),
                    row.get_reason_display(),
                    details,
                )
            )
        return self.ledger_table(("Date", "XP", "Reason", "Details"), rows, fixed=(14, 8, 17))

    def award(self):
        self.usage = "Usage: xp/award <player> = <amount> [: reason]"
        self.require_equals()
        account, name = self.find_player(self.lhs)
        amount_text, reason = split_reason(self.rhs)
        amount = parse_amount(amount_text, maximum=progression_settings.MAX_XP_AWARD)
        because = f": {shown(reason)}" if reason else "."
        self.staff_move(
            StaffAction.AWARD_ACCOUNT_XP,
            named=name,
            account=account,
            amount=amount,
            description=reason,
            done=f"You award {name} {amount} XP{because}",
        )

    def correct(self):
        self.usage = "Usage: xp/correct <player> = <+/-amount> : reason"
        self.require_equals()
        account, name = self.find_player(self.lhs)
        amount_text, reason = split_reason(self.rhs)
        amount = parse_amount(amount_text, maximum=progression_settings.MAX_XP_AWARD, signed=True)
        if not reason:
            raise CommandInputError(f"A correction needs a reason. {self.usage}")
        self.staff_move(
            StaffAction.CORRECT_ACCOUNT_XP,
            named=name,
            account=account,
            amount=amount,
            reason_text=reason,
            done=f"Corrected {name}'s XP by {signed(amount)}: {shown(reason)}",
        )
