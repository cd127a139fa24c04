"""The unlock shop (`unlocks`) and buying from it (`unlock`), with the staff refund switch.

Both are about one character: the one being played or, out of character, one the account names.
"""

from __future__ import annotations

from ..models.approvals import StaffAction
from ..rules.unlocks import ACCOUNT, LOCKED, TRANSFERABLE
from ..selectors import active_unlock_record, character_named
from ..selectors.holdings import holdings, purchase_receipt
from ..services import get_available_unlocks_for_character, purchase_unlock
from ..services.spends import why_not_next
from .base import (
    CommandInputError,
    ProgressionCommand,
    echo,
    rating_text,
    split_reason,
    unlock_command_text,
)


def held_line(character) -> str:
    """'Held: Warrior level 1; Strength 2.0': every class level and rating the character has,
    bought or given (at character creation, by staff)."""
    held = holdings(character)
    parts = [
        "; ".join(f"{name} level {level}" for name, level in held.class_levels),
        ", ".join(f"{name} {rating_text(value)}" for name, value in held.ratings),
    ]
    return "Held: " + ("; ".join(part for part in parts if part) or "nothing yet")


def purchase_reply(character, unlock, record) -> str:
    """What a purchase took from each pool and what banked development it released."""
    receipt = purchase_receipt(record)
    pools = {
        LOCKED: f"{character.key}'s locked XP",
        TRANSFERABLE: f"{character.key}'s transferable XP",
        ACCOUNT: "your account XP",
    }
    drawn = ", ".join(f"{xp} from {pools[pool]}" for pool, xp in receipt.drawn.items())
    line = f"You unlock {unlock} for {record.xp_spent} XP" + (f": {drawn}." if drawn else ".")
    if receipt.released:
        line += (
            f" {receipt.released} banked development released: {unlock.trait.name} is now "
            f"{rating_text(receipt.trait_value)}."
        )
    return line


class CmdUnlocks(ProgressionCommand):
    """
    The unlock shop of the character you are playing.

    Usage:
      unlocks
      unlocks <character>

    Lists the class levels and trait ratings you can buy now with their XP
    cost, the ones still locked with the requirements you do not meet yet,
    and the ones you already have. Buy one with 'unlock'. Out of character,
    name one of your characters.
    """

    key = "unlocks"
    aliases = ["shop"]
    usage = "Usage: unlocks [character]"
    naming = "unlocks {name}"

    def run(self):
        character = self.character_to_use(self.args)
        shop = get_available_unlocks_for_character(character)
        lines = [self.header(f"Unlocks for {character.key}")]
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
        lines.append(held_line(character))
        self.msg("\n".join(lines))


class CmdUnlock(ProgressionCommand):
    """
    Buy a class level or trait rating with XP.

    Usage:
      unlock <class> <level>
      unlock <trait> <rating>
      unlock/confirm <class> <level>  or  unlock/confirm <trait> <rating>
      unlock[/confirm] <character> = <class or trait> <level or rating>
      unlock/refund <character> = <class or trait> <level or rating>
                    [: reason]  (staff)

    Switches:
      confirm - actually buy it (without it you are only told the cost)
      refund  - undo a purchase: the XP goes back where it came from

    Ratings are written as players see them: 'unlock strength 2' and
    'unlock strength 2.0' both mean the Strength 2.0 threshold. Levels are
    whole numbers: 'unlock warrior 2'. Type 'unlocks' for the shop. Out of
    character, name one of your characters before '='.
    """

    key = "unlock"
    switch_options = ("confirm", "refund")
    staff_switches = ("refund",)
    usage = "Usage: unlock <class> <level> or unlock <trait> <rating> (e.g. strength 2.0)"
    naming = "unlock {name} = <unlock>"

    def run(self):
        if "refund" in self.switches:
            self.refund()
            return
        if self.rhs is not None:
            if not self.lhs:
                raise CommandInputError(self.usage)
            character, wanted = self.character_to_use(self.lhs), self.rhs
        else:
            character, wanted = self.character_to_use(), self.args
        if "confirm" in self.switches:
            self.buy(character, wanted)
        else:
            self.quote(character, wanted)

    def quote(self, character, wanted: str):
        unlock = self.find_unlock(wanted, character=character)
        shop = get_available_unlocks_for_character(character)
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
            self.msg(self.why_not_offered(character, unlock))
        elif section == "already_unlocked":
            self.msg(f"You already have {entry['name']}.")
        elif section == "locked":
            reasons = "; ".join(entry["failed_requirements"])
            self.msg(f"{entry['name']} ({entry['xp_cost']} XP) is locked: {reasons}")
        elif not entry["affordable"]:
            self.msg(f"{entry['name']} costs {entry['xp_cost']} XP, more than you have.")
        else:
            # Everything echoed here matched a character, class or trait name on the way.
            self.msg(
                f"{entry['name']} costs |w{entry['xp_cost']} XP|n: {character.key}'s locked XP "
                "goes first,\nthen its transferable XP, then your account's.\n"
                f"To buy it, type: |wunlock/confirm {' '.join(self.args.split())}|n"
            )

    def why_not_offered(self, character, unlock) -> str:
        problem = why_not_next(character, unlock)
        return problem or f"{unlock} is not open to you yet. Type |wunlocks|n to see what is."

    def buy(self, character, wanted: str):
        unlock = self.find_unlock(wanted, character=character)
        record = purchase_unlock(character, unlock)
        self.msg(f"|g{purchase_reply(character, unlock, record)}|n")

    def refund(self):
        self.usage = "Usage: unlock/refund <character> = <class/trait> <level/rating> [: reason]"
        self.require_equals()
        character = character_named(self.lhs)
        if character is None:
            raise CommandInputError(f"There is no character called '{echo(self.lhs)}'.")
        target_text, reason = split_reason(self.rhs)
        unlock = self.find_unlock(target_text, character=character)
        record = active_unlock_record(character, unlock)
        if record is None:
            raise CommandInputError(f"{character.key} has no {unlock} to refund.")
        self.staff_move(
            StaffAction.REFUND_UNLOCK,
            unlock=record,
            reason=reason,
            done=f"Refunded {unlock} for {character.key}: {record.xp_spent} XP returned.",
        )
