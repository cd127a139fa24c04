"""The progression commands players and staff type in the game.

Each command parses its input, calls one service or selector and formats the answer for an
80-column client. Every refusal is a ProgressionError whose message is printed as one line by
`ProgressionCommand.func`; nothing here changes a balance itself.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from textwrap import fill

from evennia.commands.default.muxcommand import MuxCommand

from .exceptions import InvalidAmountError, ProgressionError

STAFF_LOCK = "perm(Admin) or perm(Developer)"
TABLE_WIDTH = 78
RECENT = 10
WHOLE_NUMBER = re.compile(r"[+-]?\d+")


class CommandInputError(ProgressionError):
    """Input the command could not understand; the message is the usage line or the reason."""

    code = "bad_command_input"


# --- Parsing helpers ---------------------------------------------------------------------------


def parse_amount(text: str, *, signed: bool = False) -> int:
    """A positive whole number (or, when `signed`, a non-zero one such as +5 or -5)."""
    text = (text or "").strip()
    if not WHOLE_NUMBER.fullmatch(text):
        raise InvalidAmountError(f"'{text}' is not a whole number." if text else "Give an amount.")
    amount = int(text)
    if signed and amount == 0:
        raise InvalidAmountError("A correction must be a non-zero whole number such as +5 or -5.")
    if not signed and amount <= 0:
        raise InvalidAmountError("The amount must be a positive whole number.")
    return amount


def split_reason(text: str) -> tuple[str, str]:
    """'50 : for the ball' -> ('50', 'for the ball'); the reason part is optional."""
    head, _, reason = (text or "").partition(":")
    return head.strip(), reason.strip()


def split_name_and_number(text: str, usage: str) -> tuple[str, Decimal]:
    """'Iron Will 2.0' -> ('Iron Will', Decimal('2.0'))."""
    parts = (text or "").strip().rsplit(None, 1)
    if len(parts) != 2:
        raise CommandInputError(usage)
    name, number = parts
    try:
        value = Decimal(number)
    except InvalidOperation:
        raise CommandInputError(f"'{number}' is not a level or rating. {usage}") from None
    if not value.is_finite() or value <= 0:
        raise CommandInputError(f"'{number}' is not a level or rating. {usage}")
    return name, value


def rating_text(internal_value: int) -> str:
    """Trait values are stored 0-100 and shown to players divided by ten: 25 shows as 2.5."""
    return f"{internal_value / 10:.1f}"


def unlock_command_text(unlock) -> str:
    """What a player types to buy `unlock`."""
    if hasattr(unlock, "target_level"):
        return f"unlock {unlock.character_class.name} {unlock.target_level}"
    return f"unlock {unlock.trait.name} {rating_text(unlock.target_rating)}"


def date_text(moment) -> str:
    return moment.strftime("%Y-%m-%d")


def signed(amount: int) -> str:
    return f"{amount:+d}"


# --- The base command --------------------------------------------------------------------------


class ProgressionCommand(MuxCommand):
    """Shared behaviour of the progression commands (not itself a command players see)."""

    help_category = "Progression"
    locks = "cmd:all()"
    # Switches only staff may use; checked in func() because one command mixes both.
    staff_switches: tuple[str, ...] = ()
    usage = ""

    def func(self):
        try:
            self.require_staff_for_switches()
            self.run()
        except ProgressionError as error:
            self.msg(f"|r{fill(str(error), width=TABLE_WIDTH)}|n")

    def run(self):
        raise NotImplementedError

    # -- who is asking

    def is_staff(self) -> bool:
        return self.caller.locks.check_lockstring(self.caller, f"progression:{STAFF_LOCK}")

    def require_staff_for_switches(self) -> None:
        used = [switch for switch in self.switches if switch in self.staff_switches]
        if used and not self.is_staff():
            raise CommandInputError(f"Only staff can use {self.key}/{used[0]}.")

    @property
    def player_account(self):
        """The account of the player typing, whether or not it is puppeting right now."""
        from .services.spends import owning_account

        account = self.account or owning_account(self.caller)
        if account is None:
            raise CommandInputError("That needs a player account, and you have none.")
        return account

    # -- lookups that turn a typed name into an object or one readable line

    def find_account(self, name: str):
        from .selectors import account_named

        name = (name or "").strip()
        if not name:
            raise CommandInputError(self.usage)
        account = account_named(name)
        if account is None:
            raise CommandInputError(f"There is no player called '{name}'.")
        return account

    def find_unlock(self, text: str):
        from .selectors import unlock_named

        name, number = split_name_and_number(text, self.usage)
        unlock = unlock_named(name, number)
        if unlock is None:
            raise CommandInputError(
                f"There is no unlock '{' '.join(text.split())}'. Type 'unlocks' for the shop."
            )
        return unlock

    def require_equals(self) -> None:
        if not self.rhs or not self.lhs:
            raise CommandInputError(self.usage)

    # -- output

    def table(self, *headers, **options):
        width = min(TABLE_WIDTH, self.client_width())
        return self.styled_table(*headers, maxwidth=width, **options)

    def ledger_table(self, headers, rows, *, fixed: tuple[int, ...]):
        """A table of ledger rows, full width: the leading columns (date, amount, ...) keep the
        `fixed` widths, borders included, and the free-text last column takes the rest."""
        table = self.styled_table(*headers, width=min(TABLE_WIDTH, self.client_width()), valign="t")
        for row in rows:
            table.add_row(*row)
        for index, width in enumerate(fixed):
            table.reformat_column(index, width=width)
        table.reformat_column(1, align="r")
        return table

    def header(self, title: str) -> str:
        return self.styled_header(title, width=min(TABLE_WIDTH, self.client_width()))


# --- xp ----------------------------------------------------------------------------------------


class CmdXP(ProgressionCommand):
    """
    Your experience points.

    Usage:
      xp
      xp/history [page]
      xp/award <player> = <amount> [: reason]            (staff)
      xp/correct <player> = <+amount or -amount> : reason (staff)

    Switches:
      history - older account transactions, ten to a page
      award   - give a player XP (a GM award)
      correct - fix an account's XP by posting a correction; the reason is kept

    Without a switch, shows your account XP (available, earned and spent),
    the XP held by the character you are playing (locked XP can only be spent
    on that character; transferable XP too), and your last ten transactions.
    Unlocks draw on the character's locked XP first, then its transferable
    XP, then your account.
    """

    key = "xp"
    aliases = ["experience"]
    switch_options = ("history", "award", "correct")
    staff_switches = ("award", "correct")
    usage = "Usage: xp, xp/history [page]"

    def run(self):
        if "award" in self.switches:
            self.award()
        elif "correct" in self.switches:
            self.correct()
        elif "history" in self.switches:
            self.history()
        else:
            self.overview()

    def overview(self):
        from .selectors import character_xp_pools
        from .selectors.dashboard import account_dashboard

        account = self.player_account
        dashboard = account_dashboard(account, limit=RECENT)
        xp = dashboard["xp"]
        pools = character_xp_pools(self.caller)
        lines = [
            self.header("Experience"),
            f"Account XP: |w{xp['current_available']}|n available "
            f"({xp['total_earned']} earned, {xp['total_spent']} spent)",
            f"{self.caller.key}'s XP: |w{pools['locked']}|n locked, "
            f"|w{pools['transferable']}|n transferable",
        ]
        transactions = dashboard["xp_transactions"]
        if transactions:
            lines += ["", "Recent transactions:", str(self.transaction_table(transactions))]
            if len(transactions) == RECENT:
                lines.append("Type |wxp/history 2|n for older ones.")
        else:
            lines.append("No XP transactions yet.")
        self.msg("\n".join(lines))

    def history(self):
        from .selectors.dashboard import xp_history

        usage = "Usage: xp/history [page]"
        text = self.args.strip() or "1"
        if not text.isdigit() or int(text) < 1:
            raise CommandInputError(f"'{text}' is not a page number. {usage}")
        page = int(text)
        start = (page - 1) * RECENT
        window = list(
            xp_history(self.player_account).order_by("-transaction_date", "-id")[
                start : start + RECENT + 1
            ]
        )
        if not window:
            self.msg("No XP transactions yet." if page == 1 else f"There is no page {page}.")
            return
        lines = [
            self.header(f"XP history, page {page}"),
            str(self.transaction_table(window[:RECENT])),
        ]
        if len(window) > RECENT:
            lines.append(f"Type |wxp/history {page + 1}|n for older ones.")
        self.msg("\n".join(lines))

    def transaction_table(self, transactions):
        rows = []
        for row in transactions:
            details = row.description
            if row.character_id:
                details = f"{details} ({row.character.key})" if details else row.character.key
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
        from .services.awards import award_xp
        from .types import ProgressionReason

        self.usage = "Usage: xp/award <player> = <amount> [: reason]"
        self.require_equals()
        account = self.find_account(self.lhs)
        amount_text, reason = split_reason(self.rhs)
        amount = parse_amount(amount_text)
        award_xp(
            account,
            amount,
            reason=ProgressionReason.GM_AWARD,
            description=reason,
            gm=self.player_account,
        )
        because = f": {reason}" if reason else "."
        self.msg(f"You award {account.key} {amount} XP{because}")
        account.msg(f"|gYou were awarded {amount} XP{because}|n")

    def correct(self):
        from .services.corrections import correct_account_xp

        self.usage = "Usage: xp/correct <player> = <+amount or -amount> : reason"
        self.require_equals()
        account = self.find_account(self.lhs)
        amount_text, reason = split_reason(self.rhs)
        amount = parse_amount(amount_text, signed=True)
        if not reason:
            raise CommandInputError(f"A correction needs a reason. {self.usage}")
        correct_account_xp(account, amount, gm=self.player_account, reason_text=reason)
        self.msg(f"Corrected {account.key}'s XP by {signed(amount)}: {reason}")


# --- unlocks and unlock ------------------------------------------------------------------------


class CmdUnlocks(ProgressionCommand):
    """
    The unlock shop of the character you are playing.

    Usage:
      unlocks

    Lists the class levels and trait ratings you can buy now with their XP
    cost, the ones still locked with the requirements you do not meet yet,
    and the ones you already have. Buy one with 'unlock'.
    """

    key = "unlocks"
    aliases = ["shop"]

    def run(self):
        from .services.spends import get_available_unlocks_for_character

        shop = get_available_unlocks_for_character(self.caller)
        lines = [self.header(f"Unlocks for {self.caller.key}")]
        if shop["available"]:
            table = self.table("Unlock", "Cost", "Afford", "To buy, type")
            for entry in shop["available"]:
                table.add_row(
                    entry["name"],
                    f"{entry['xp_cost']} XP",
                    "yes" if entry["affordable"] else "|rno|n",
                    unlock_command_text(entry["unlock"]),
                )
            lines += ["Available:", str(table)]
        else:
            lines.append("Nothing is available to buy right now.")
        if shop["locked"]:
            table = self.table("Unlock", "Cost", "Not yet, because")
            for entry in shop["locked"]:
                table.add_row(
                    entry["name"], f"{entry['xp_cost']} XP", "\n".join(entry["failed_requirements"])
                )
            lines += ["Locked:", str(table)]
        bought = ", ".join(entry["name"] for entry in shop["already_unlocked"])
        lines.append(f"Bought: {bought or 'nothing yet'}")
        self.msg("\n".join(lines))


class CmdUnlock(ProgressionCommand):
    """
    Buy a class level or trait rating with XP.

    Usage:
      unlock <class> <level>
      unlock <trait> <rating>
      unlock/confirm <class> <level>  or  unlock/confirm <trait> <rating>
      unlock/refund <character> = <class or trait> <level or rating> [: reason]  (staff)

    Switches:
      confirm - actually buy it (without it you are only told the cost)
      refund  - undo a purchase: the XP goes back where it came from

    Ratings are written as players see them: 'unlock strength 2' and
    'unlock strength 2.0' both mean the Strength 2.0 threshold. Levels are
    whole numbers: 'unlock warrior 2'. Type 'unlocks' for the shop.
    """

    key = "unlock"
    switch_options = ("confirm", "refund")
    staff_switches = ("refund",)
    usage = "Usage: unlock <class> <level> or unlock <trait> <rating>, e.g. unlock strength 2.0"

    def run(self):
        if "refund" in self.switches:
            self.refund()
        elif "confirm" in self.switches:
            self.buy()
        else:
            self.quote()

    def quote(self):
        from .services.spends import get_available_unlocks_for_character

        unlock = self.find_unlock(self.args)
        shop = get_available_unlocks_for_character(self.caller)
        section, entry = next(
            (
                (section, entry)
                for section, entries in shop.items()
                for entry in entries
                if entry["unlock"] == unlock
            ),
            (None, None),
        )
        if entry is None:
            self.msg(self.why_not_offered(unlock))
        elif section == "already_unlocked":
            self.msg(f"You already have {entry['name']}.")
        elif section == "locked":
            reasons = "; ".join(entry["failed_requirements"])
            self.msg(f"{entry['name']} ({entry['xp_cost']} XP) is locked: {reasons}")
        elif not entry["affordable"]:
            self.msg(f"{entry['name']} costs {entry['xp_cost']} XP, more than you have.")
        else:
            self.msg(
                f"{entry['name']} costs |w{entry['xp_cost']} XP|n: {self.caller.key}'s locked XP "
                "goes first,\nthen its transferable XP, then your account's.\n"
                f"To buy it, type: |wunlock/confirm {' '.join(self.args.split())}|n"
            )

    def why_not_offered(self, unlock) -> str:
        from .services.spends import why_not_next

        problem = why_not_next(self.caller, unlock)
        return problem or f"{unlock} is not open to you yet. Type |wunlocks|n to see what is."

    def buy(self):
        from .services.spends import purchase_unlock

        unlock = self.find_unlock(self.args)
        record = purchase_unlock(self.caller, unlock)
        self.msg(f"|gYou unlock {unlock} for {record.xp_spent} XP.|n")

    def refund(self):
        from .selectors import active_unlock_record, character_named
        from .services.spends import refund_unlock

        self.usage = (
            "Usage: unlock/refund <character> = <class or trait> <level or rating> [: reason]"
        )
        self.require_equals()
        character = character_named(self.lhs)
        if character is None:
            raise CommandInputError(f"There is no character called '{self.lhs}'.")
        target_text, reason = split_reason(self.rhs)
        unlock = self.find_unlock(target_text)
        record = active_unlock_record(character, unlock)
        if record is None:
            raise CommandInputError(f"{character.key} has no {unlock} to refund.")
        refund_unlock(record, self.player_account, reason)
        self.msg(f"Refunded {unlock} for {character.key}: {record.xp_spent} XP returned.")


# --- dev ---------------------------------------------------------------------------------------


class CmdDevelopment(ProgressionCommand):
    """
    How the traits of the character you are playing are developing.

    Usage:
      dev

    Using a trait in scenes earns development points, which raise it
    straight away: ten points are one tenth of a rating (1.9 -> 2.0). A
    major rating (2.0, 3.0, ...) that must be unlocked with XP stops the
    growth just below it; points earned past that are banked, not lost, and
    are applied the moment you buy the unlock shown.
    """

    key = "dev"
    aliases = ["development"]

    def run(self):
        from .selectors import development_overview

        rows = development_overview(self.caller)
        if not rows:
            self.msg(f"{self.caller.key} has no trait development yet.")
            return
        table = self.table("Trait", "Rating", "Earned", "Banked", "Released by")
        for row in rows:
            releaser = ""
            if row.released_by is not None:
                releaser = f"{row.released_by} ({row.release_cost} XP)"
            table.add_row(
                row.trait.name, rating_text(row.value), row.earned, row.banked or "", releaser
            )
        table.reformat_column(1, align="r")
        table.reformat_column(2, align="r")
        table.reformat_column(3, align="r")
        self.msg("\n".join([self.header(f"Development of {self.caller.key}"), str(table)]))


# --- kudos -------------------------------------------------------------------------------------


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

    def run(self):
        for switch in ("categories", "claim", "give", "award"):
            if switch in self.switches:
                getattr(self, switch)()
                return
        self.overview()

    def overview(self):
        from .selectors.dashboard import account_dashboard
        from .services.kudos_giving import gives_left_this_week

        account = self.player_account
        dashboard = account_dashboard(account, limit=RECENT)
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
            f"You can give kudos {gives_left_this_week(account)} more time(s) this week. "
            "See |wkudos/categories|n for rewards."
        )
        self.msg("\n".join(lines))

    def categories(self):
        from .selectors import active_kudos_categories

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
            table = self.table("Earned for", "Usual amount", "What it is")
            for category in sources:
                table.add_row(category.display_name, category.default_amount, category.description)
            lines.append(str(table))
        self.msg("\n".join(lines))

    def claim(self):
        from .selectors import kudos_claim_category_named
        from .services.kudos import claim_kudos

        self.usage = "Usage: kudos/claim <category> = <amount of kudos>"
        self.require_equals()
        category = kudos_claim_category_named(self.lhs)
        if category is None:
            raise CommandInputError(
                f"There is no kudos claim category '{self.lhs}'. See kudos/categories."
            )
        amount = parse_amount(self.rhs)
        result = claim_kudos(self.player_account, amount, category)
        self.msg(
            f"|gYou claim {amount} kudos for {result.reward_amount} {category.display_name}.|n "
            f"{result.points_data.current_available} kudos left."
        )

    def give(self):
        from .services.kudos_giving import give_kudos, gives_left_this_week

        self.usage = "Usage: kudos/give <player> = <why you are thanking them>"
        self.require_equals()
        recipient = self.find_account(self.lhs)
        giver = self.player_account
        result = give_kudos(giver, recipient, self.rhs)
        amount = result.transaction.amount
        self.msg(
            f"|gYou give {recipient.key} {amount} kudos: {self.rhs}|n "
            f"({gives_left_this_week(giver)} left this week)"
        )
        recipient.msg(f"|g{self.caller.key} gave you {amount} kudos: {self.rhs}|n")

    def award(self):
        from .selectors import kudos_source_category_named
        from .services.kudos import award_kudos

        self.usage = "Usage: kudos/award <player> = <category> <amount> [: why]"
        self.require_equals()
        account = self.find_account(self.lhs)
        head, reason = split_reason(self.rhs)
        parts = head.rsplit(None, 1)
        if len(parts) != 2:
            raise CommandInputError(self.usage)
        category = kudos_source_category_named(parts[0])
        if category is None:
            raise CommandInputError(
                f"There is no kudos category '{parts[0]}'. See kudos/categories."
            )
        amount = parse_amount(parts[1])
        award_kudos(account, amount, category, reason, awarded_by=self.player_account)
        because = f": {reason}" if reason else "."
        self.msg(f"You award {account.key} {amount} kudos for {category.display_name}{because}")
        account.msg(f"|gYou were awarded {amount} kudos for {category.display_name}{because}|n")


def why(row) -> str:
    """A kudos ledger row as a player reads it: what for, why, and from whom."""
    category = row.source_category or row.claim_category
    text = f"{category.display_name}: {row.description}" if row.description else str(category)
    if row.claim_category_id:
        return f"Claimed - {text}"
    if row.awarded_by_id:
        text += f" (from {row.awarded_by.key})"
    return text


# --- scene (staff) -----------------------------------------------------------------------------


class CmdSceneFinish(ProgressionCommand):
    """
    Finish a scene and hand out its awards.

    Usage:
      scene/finish <scene id or name>

    Switches:
      finish - end the scene: its participants get their development points
               and scene awards. A scene is finished once; finishing it
               again gives nothing twice.
    """

    key = "scene"
    switch_options = ("finish",)
    staff_switches = ("finish",)
    locks = f"cmd:{STAFF_LOCK}"
    usage = "Usage: scene/finish <scene id or name>"

    def run(self):
        from world.scenes.services import finish_scene

        from .selectors import scene_named

        if "finish" not in self.switches or not self.args.strip():
            raise CommandInputError(self.usage)
        scene = scene_named(self.args)
        if scene is None:
            raise CommandInputError(f"There is no scene '{self.args.strip()}'.")
        self.msg(finish_scene(scene, finished_by=self.player_account).message)


PROGRESSION_COMMANDS = (CmdXP, CmdUnlocks, CmdUnlock, CmdDevelopment, CmdKudos, CmdSceneFinish)
