"""What every progression command shares: the base command, which turns any failure into one
line for the player, and the helpers that parse and bound what players type.

Input is parsed here and bounded before a service sees it: amounts are ASCII whole numbers no
larger than the configured maximum, names and reasons cannot carry NUL characters (PostgreSQL
cannot store them), and whatever a player typed is echoed back plain and short.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django.db import InterfaceError, OperationalError, close_old_connections
from django.utils import timezone
from evennia.accounts.models import AccountDB
from evennia.commands.default.muxcommand import MuxCommand
from evennia.utils import logger

from world.text_table import GAP, command_table, fit_lines

from ..conf import progression_settings
from ..exceptions import InvalidAmountError, ProgressionError
from ..permissions import is_staff
from ..rules.approvals import hours_left, waiting_text
from ..rules.text import game_text
from ..selectors import (
    account_named,
    character_named,
    owned_characters,
    owner_of,
    unlock_named,
)
from ..services.approvals import request_staff_action

TABLE_WIDTH = 78
# No line of a reply is wider than this (the 80-column promise; tables keep to TABLE_WIDTH).
REPLY_WIDTH = 80
# A ledger's free-text column narrower than this gives up the fixed widths of the others.
LEAST_FREE_TEXT = 20
RECENT = 10
# Typed text echoed in an error is cut to this many characters, so the error stays one line.
ECHO_LENGTH = 20
# ASCII digits only: `\d` would also take Arabic-Indic or full-width digits.
WHOLE_NUMBER = re.compile(r"[+-]?[0-9]+", re.ASCII)
PAGE_NUMBER = re.compile(r"[0-9]+", re.ASCII)
LEVEL_OR_RATING = re.compile(r"[0-9]{1,4}(\.[0-9]{1,4})?", re.ASCII)
# More digits than any configured maximum has; int() of longer text is never attempted.
MOST_DIGITS = 12
MOST_PAGE_DIGITS = 6

DATABASE_DOWN = "The game cannot reach its database right now; try again in a moment."
UNEXPECTED = "That command failed unexpectedly; staff can find why in the server log."


class CommandInputError(ProgressionError):
    """Input the command could not understand; the message is the usage line or the reason."""

    code = "bad_command_input"


# --- Parsing helpers ---------------------------------------------------------------------------


def echo(text: str | None, *, length: int = ECHO_LENGTH) -> str:
    """What a player typed, quoted back in an error: plain, on one line, short ("…" when none
    of it is printable)."""
    return game_text(text, max_length=length) or ("…" if text else "")


def shown(text: str | None) -> str:
    """Text one player wrote, as another player (or staff) sees it in the game."""
    return game_text(text, max_length=progression_settings.MAX_SHOWN_TEXT)


def parse_amount(text: str, *, maximum: int, signed: bool = False) -> int:
    """A positive whole number up to `maximum` (or, when `signed`, a non-zero one such as +5 or
    -5, at most `maximum` either way)."""
    text = (text or "").strip()
    if not WHOLE_NUMBER.fullmatch(text):
        message = f"'{echo(text)}' is not a whole number." if text else "Give an amount."
        raise InvalidAmountError(message)
    negative = text.startswith("-")
    digits = text.lstrip("+-").lstrip("0")
    if signed and not digits:
        raise InvalidAmountError("A correction must be a non-zero whole number such as +5 or -5.")
    if not signed and (negative or not digits):
        raise InvalidAmountError("The amount must be a positive whole number.")
    # The length test comes first: int() of thousands of digits is slow, or refused outright.
    if len(digits) > MOST_DIGITS or int(digits) > maximum:
        if signed:
            raise InvalidAmountError(f"A correction can be at most {maximum} either way.")
        raise InvalidAmountError(f"The amount can be at most {maximum}.")
    return -int(digits) if negative else int(digits)


def parse_page(text: str, usage: str) -> int:
    """A page number, 1 or more; a page past any history there could be is refused here, before
    it becomes a database offset."""
    text = (text or "").strip() or "1"
    digits = text.lstrip("0")
    if not PAGE_NUMBER.fullmatch(text) or not digits:
        raise CommandInputError(f"'{echo(text)}' is not a page number. {usage}")
    if len(digits) > MOST_PAGE_DIGITS:
        raise CommandInputError(f"There is no page {echo(text)}.")
    return int(digits)


def split_reason(text: str) -> tuple[str, str]:
    """'50 : for the ball' -> ('50', 'for the ball'); the reason part is optional."""
    head, _, reason = (text or "").partition(":")
    return head.strip(), reason.strip()


def split_name_and_number(text: str, usage: str) -> tuple[str, Decimal]:
    """'Iron Will 2.0' -> ('Iron Will', Decimal('2.0')); levels and ratings are small positive
    numbers written with ASCII digits."""
    parts = (text or "").strip().rsplit(None, 1)
    if len(parts) != 2:
        raise CommandInputError(usage)
    name, number = parts
    if not LEVEL_OR_RATING.fullmatch(number) or Decimal(number) <= 0:
        raise CommandInputError(
            f"'{echo(number, length=12)}' is not a level or rating. Example: unlock warrior 2"
        )
    return name, Decimal(number)


def rating_text(internal_value: int) -> str:
    """Trait values are stored 0-100 and shown to players divided by ten: 25 shows as 2.5."""
    return f"{internal_value / 10:.1f}"


def unlock_command_text(unlock) -> str:
    """What a player types to buy `unlock`."""
    if hasattr(unlock, "target_level"):
        return f"unlock {unlock.character_class.name} {unlock.target_level}"
    return f"unlock {unlock.trait.name} {rating_text(unlock.target_rating)}"


def fit(text: str) -> str:
    return fit_lines(text, REPLY_WIDTH)


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
    # How a character-only view names its character out of character.
    naming = ""

    def func(self):
        """Run the command; whatever goes wrong, the player reads one line."""
        try:
            if "\x00" in (self.args or ""):
                raise CommandInputError("The game cannot take a NUL character in a command.")
            self.require_staff_for_switches()
            self.run()
        except ProgressionError as error:
            self.fail(str(error))
        except (OperationalError, InterfaceError):
            logger.log_trace(f"Progression command {self.key!r}: the database is unavailable.")
            # Drop a connection the failure left unusable, so the next command opens a new one
            # instead of failing on the dead one (what Django does around each web request).
            close_old_connections()
            self.fail(DATABASE_DOWN)
        except Exception:
            typed = (self.raw_string or "")[:200]
            logger.log_trace(f"Progression command {self.key!r} failed on {typed!r}.")
            self.fail(UNEXPECTED)

    def run(self):
        raise NotImplementedError

    def fail(self, message: str) -> None:
        # One line when it fits 80 columns (a name at its longest may need two).
        self.msg(f"|r{message}|n")

    def msg(self, text=None, *args, **kwargs):
        """Every reply fits 80 columns: a line a long name widened is wrapped at spaces."""
        super().msg(fit(text) if isinstance(text, str) else text, *args, **kwargs)

    # -- who is asking

    def is_staff(self) -> bool:
        return is_staff(self.player_account_or_none())

    def require_staff_for_switches(self) -> None:
        used = [switch for switch in self.switches if switch in self.staff_switches]
        if used and not self.is_staff():
            raise CommandInputError(f"Only staff can use {self.key}/{used[0]}.")

    @property
    def out_of_character(self) -> bool:
        """True when the account itself runs the command (OOC), not a character it plays."""
        return isinstance(self.caller, AccountDB)

    def player_account_or_none(self):
        """The account typing: the one logged in, or the account itself out of character, or
        for a character nobody is puppeting (a script, a test) the character's owner."""
        if self.account is not None:
            return self.account
        if self.out_of_character:
            return self.caller
        return owner_of(self.caller)

    @property
    def player_account(self):
        """The account of the player typing, whether or not it is puppeting right now."""
        account = self.player_account_or_none()
        if account is None:
            raise CommandInputError("That needs a player account, and you have none.")
        return account

    def playing(self):
        """The character the player acts as: the one played, or out of character the one last
        played (Evennia's `_last_puppet`), if it is still theirs; else None."""
        if not self.out_of_character:
            return self.caller
        last = self.player_account.db._last_puppet
        return last if last is not None and owner_of(last) == self.player_account else None

    def owned_characters(self) -> list:
        """The characters the player's account owns, oldest first."""
        return owned_characters(self.player_account)

    def character_to_use(self, name: str = ""):
        """The character a character-only view is about: the one named (which the account must
        own), or the one being played; out of character without a name, say which to pick."""
        name = (name or "").strip()
        if name:
            wanted = name.lower()
            found = next((c for c in self.owned_characters() if c.key.lower() == wanted), None)
            if found is None:
                raise CommandInputError(f"You have no character called '{echo(name)}'.")
            return found
        if not self.out_of_character:
            return self.caller
        names = [character.key for character in self.owned_characters()]
        if not names:
            raise CommandInputError("You have no character yet: create one first.")
        first = echo(names[0])
        raise CommandInputError(
            f"Out of character: 'ic {first}' or '{self.naming.format(name=first)}'"
            f" (yours: {echo(', '.join(names), length=40)})."
        )

    # -- lookups that turn a typed name into an object or one readable line

    def find_account(self, name: str):
        name = (name or "").strip()
        if not name:
            raise CommandInputError(self.usage)
        account = account_named(name)
        if account is None:
            raise CommandInputError(f"There is no player called '{echo(name)}'.")
        return account

    def find_player(self, name: str):
        """(account, what to call them): a player is named by their character when the caller
        named a character (in-character text never shows account names), else by the account."""
        account = self.find_account(name)
        character = character_named(name)
        if character is not None and owner_of(character) == account:
            return account, character.key
        return account, account.key

    def find_unlock(self, text: str, *, character):
        """The unlock `text` names for `character`; a hidden class it has no level in is
        answered like a name that matches nothing."""
        name, number = split_name_and_number(text, self.usage)
        unlock = unlock_named(name, number, for_character=character)
        if unlock is None:
            raise CommandInputError(
                f"There is no unlock '{echo(' '.join(text.split()))}'. Type 'unlocks' for the shop."
            )
        return unlock

    def staff_move(self, action: str, *, done, named: str | None = None, **arguments) -> None:
        """Make a staff award, correction or refund through the two-person rule, and say so:
        `done` (a line, or a function of what was posted that returns one) when it posted, or
        that it waits for a second staff member."""
        move = request_staff_action(
            action=action, requested_by=self.player_account, named=named, **arguments
        )
        if move.request is not None:
            request = move.request
            self.msg(waiting_text(request.pk, hours_left(request.expires_at, timezone.now())))
        else:
            self.msg(done(move.result) if callable(done) else done)

    def require_equals(self) -> None:
        if not self.rhs or not self.lhs:
            raise CommandInputError(self.usage)

    def refuse_arguments(self) -> None:
        """For views that take nothing after them: anything typed gets the usage line."""
        if self.args.strip():
            raise CommandInputError(self.usage)

    # -- output

    def table(self, *headers):
        return command_table(self, *headers, width=TABLE_WIDTH)

    def ledger_table(self, headers, rows, *, fixed: tuple[int, ...]):
        """A table of ledger rows, full width: the leading columns (date, amount, ...) take the
        `fixed` shares of the line, the gap after each included, and the free-text last column
        takes the rest; the amount (second) column is aligned right."""
        table = self.table(*headers)
        for row in rows:
            table.add_row(*row)
        table.reformat_column(1, align="r")
        free = table.width - sum(fixed)
        if free < LEAST_FREE_TEXT:
            # A narrow screen: every column shares the little room there is.
            return table
        for index, share in enumerate(fixed):
            table.reformat_column(index, width=share - GAP, align="r" if index == 1 else "l")
        # The free-text column fills the line, so ledgers line up from page to page.
        table.reformat_column(len(headers) - 1, width=free)
        return table

    def header(self, title: str) -> str:
        return self.styled_header(title, width=min(TABLE_WIDTH, self.client_width()))
