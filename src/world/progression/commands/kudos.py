"""The `kudos` command: balance and feed, categories, claims, players thanking each other, and the
staff award switch. It works in character and out of character (from the account).

A reason one player gives is stored as written and shown to everyone else plain, on one line.
"""

from __future__ import annotations

from ..conf import progression_settings
from ..models.approvals import StaffAction
from ..rules.text import counted
from ..selectors import (
    account_dashboard,
    active_kudos_categories,
    character_named,
    kudos_claim_category_named,
    kudos_source_category_named,
)
from ..services import claim_kudos
from ..services.kudos_giving import give_kudos, gives_left_this_week
from .base import (
    RECENT,
    CommandInputError,
    ProgressionCommand,
    date_text,
    echo,
    parse_amount,
    shown,
    signed,
    split_reason,
)


class CmdKudos(ProgressionCommand):
    """
    Kudos: thanks from other players and staff, which you can claim as rewards.

    Usage:
      kudos
      kudos/categories
      kudos/claim <category> = <amount of kudos>
      kudos/give <player> = <why>
      kudos/award <player> = <category> <amount> [: why]   (staff)

    Switches:
      categories - what kudos can be claimed for, at what rate, and how
                   they are earned
      claim      - spend kudos on a reward, in whole units of its rate
      give       - thank another player with kudos (a few times a week;
                   not yourself or your own alts)
      award      - give kudos in any category

    Without a switch, shows your balance and why you earned recent kudos.
    """

    key = "kudos"
    switch_options = ("categories", "claim", "give", "award")
    staff_switches = ("award",)
    usage = "Usage: kudos, kudos/categories, kudos/claim, kudos/give"

    def run(self):
        for switch in ("categories", "claim", "give", "award"):
            if switch in self.switches:
                getattr(self, switch)()
                return
        self.refuse_arguments()
        self.overview()

    def overview(self):
        account = self.player_account
        dashboard = account_dashboard(account, limit=RECENT, parts=("kudos",))
        kudos = dashboard["kudos"]
        lines = [
            self.header("Kudos"),
            f"Kudos: |w{kudos['current_available']}|n available "
            f"({kudos['total_earned']} earned, {kudos['total_claimed']} claimed)",
        ]
        if dashboard["kudos_transactions"]:
            rows = [
                (date_text(row.transaction_date), signed(row.amount), why(row))
                for row in dashboard["kudos_transactions"]
            ]
            table = self.ledger_table(("Date", "Kudos", "Why"), rows, fixed=(14, 8))
            lines += ["Recent:", str(table)]
        else:
            lines.append("No kudos yet: other players can give you some with kudos/give.")
        lines.append(
            f"You can give kudos {counted(gives_left_this_week(account), 'more time')} this week. "
            "See |wkudos/categories|n for rewards."
        )
        self.msg("\n".join(lines))

    def categories(self):
        self.usage = "Usage: kudos/categories"
        self.refuse_arguments()
        claims, sources = active_kudos_categories()
        lines = [self.header("Kudos categories")]
        if claims:
            table = self.table("Claim for", "Name", "Rate", "What it is")
            for category in claims:
                table.add_row(
                    category.display_name,
                    category.name,
                    f"{category.kudos_cost} kudos = {category.reward_amount}",
                    category.description,
                )
            lines += [str(table), "Claim with: kudos/claim <name> = <amount of kudos>"]
        else:
            lines.append("Nothing can be claimed with kudos right now.")
        if sources:
            table = self.table("Earned for", "Name", "Usual", "What it is")
            for category in sources:
                table.add_row(
                    category.display_name,
                    category.name,
                    category.default_amount,
                    category.description,
                )
            lines.append(str(table))
            if self.is_staff():
                lines.append("Award with: kudos/award <player> = <name> <amount> [: why]")
        self.msg("\n".join(lines))

    def claim(self):
        self.usage = "Usage: kudos/claim <category> = <amount of kudos>"
        self.require_equals()
        category = kudos_claim_category_named(self.lhs)
        if category is None:
            raise CommandInputError(
                f"There is no kudos claim category '{echo(self.lhs)}'. See kudos/categories."
            )
        amount = parse_amount(self.rhs, maximum=progression_settings.MAX_KUDOS_CLAIM)
        result = claim_kudos(self.player_account, amount, category)
        self.msg(
            f"|gYou claim {amount} kudos for {result.reward_amount} {category.display_name}.|n "
            f"{result.points_data.current_available} kudos left."
        )

    def give(self):
        self.usage = "Usage: kudos/give <player> = <why you are thanking them>"
        self.require_equals()
        recipient, name = self.find_player(self.lhs)
        thanked = character_named(self.lhs) if name != recipient.key else None
        giver, giver_character = self.player_account, self.playing()
        result = give_kudos(
            giver, recipient, self.rhs, character=thanked, giver_character=giver_character
        )
        amount = result.transaction.amount
        reason = shown(self.rhs)
        self.msg(
            f"|gYou give {name} {amount} kudos: {reason}|n "
            f"({gives_left_this_week(giver)} left this week)"
        )

    def award(self):
        self.usage = "Usage: kudos/award <player> = <category> <amount> [: why]"
        self.require_equals()
        account, name = self.find_player(self.lhs)
        head, reason = split_reason(self.rhs)
        parts = head.rsplit(None, 1)
        if len(parts) != 2:
            raise CommandInputError(self.usage)
        category = kudos_source_category_named(parts[0])
        if category is None:
            raise CommandInputError(
                f"There is no kudos category '{echo(parts[0])}'. See kudos/categories."
            )
        amount = parse_amount(parts[1], maximum=progression_settings.MAX_KUDOS_AWARD)
        because = f": {shown(reason)}" if reason else "."
        self.staff_move(
            StaffAction.AWARD_KUDOS,
            named=name,
            account=account,
            amount=amount,
            source_category=category,
            description=reason,
            awarded_by_character=self.playing(),
            done=f"You award {name} {amount} kudos for {category.display_name}{because}",
        )


def why(row) -> str:
    """A kudos ledger row as a player reads it: what for, why (plain, as another player may have
    written it), and from whom."""
    category = row.source_category or row.claim_category
    description = shown(row.description)
    text = f"{category.display_name}: {description}" if description else str(category)
    if row.claim_category_id:
        return f"Claimed - {text}"
    # The giver's character, never their account: rows from before characters were recorded
    # (and awards made with no character) say no name.
    if row.awarded_by_character_name:
        text += f" (from {shown(row.awarded_by_character_name)})"
    return text
