"""Staff commands that move any number the progression system keeps, each through one service
that writes a ledger row: `award` (character XP, development, creation-point conversion) and
`correct` (every pool, trait values and class levels, with a reason kept in the ledger). A move
larger than its pool's threshold waits for a second staff member (`approve`)."""

from __future__ import annotations

from ..conf import progression_settings
from ..models.approvals import StaffAction
from ..selectors import character_named, trait_named
from ..selectors.characters import character_class_named
from ..types import DevelopmentSource
from .base import CommandInputError, ProgressionCommand, echo, parse_amount, shown, signed


class StaffCommand(ProgressionCommand):
    """What the staff commands share: staff only, one switch naming what moves."""

    # Listed for everyone (as the staff switches of `xp` are); only staff may run them.

    def run(self):
        if not self.is_staff():
            raise CommandInputError(f"Only staff can use {self.key}.")
        chosen = [switch for switch in self.switches if switch in self.targets]
        if len(chosen) != 1:
            raise CommandInputError(self.usage)
        self.require_equals()
        getattr(self, f"do_{chosen[0]}")()

    def find_character(self, name: str):
        character = character_named(name)
        if character is None:
            raise CommandInputError(f"There is no character called '{echo(name)}'.")
        return character

    def subject_and_amount(self, text: str, *, maximum: int, signed_amount: bool):
        """'Iron Will -5' -> ('Iron Will', -5)."""
        parts = (text or "").strip().rsplit(None, 1)
        if len(parts) != 2:
            raise CommandInputError(self.usage)
        return parts[0], parse_amount(parts[1], maximum=maximum, signed=signed_amount)

    def find_trait(self, name: str):
        trait = trait_named(name)
        if trait is None:
            raise CommandInputError(f"There is no trait called '{echo(name)}'.")
        return trait

    def reason_split(self, *, required: bool) -> tuple[str, str]:
        head, _, reason = self.rhs.partition(":")
        if required and not reason.strip():
            raise CommandInputError(f"A correction needs a reason. {self.usage}")
        return head.strip(), reason.strip()


class CmdAward(StaffCommand):
    """
    Award character XP or development points, or convert creation points.

    Usage:
      award/charxp <character> = <amount> [: reason]
      award/charxp/locked <character> = <amount> [: reason]
      award/dev <character> = <trait> <amount> [: reason]
      award/quest <character> = <trait> <amount> [: reason]
      award/exploration <character> = <trait> <amount> [: reason]
      award/conversion <character> = <creation points> [<XP per point>]

    Switches:
      charxp      - give XP to the character itself (transferable)
      locked      - with charxp: locked XP, spendable only on that character
      dev         - a GM award of development points in a trait
      quest       - development points earned on a quest
      exploration - development points earned exploring
      conversion  - turn unspent creation points into locked XP (2 XP a point
                    unless given); once per character

    Development awards go through the character's distinction modifiers and
    stop below a locked rating, banking the rest, like any other award.
    """

    key = "award"
    switch_options = ("charxp", "locked", "dev", "quest", "exploration", "conversion")
    targets = ("charxp", "dev", "quest", "exploration", "conversion")
    usage = "Usage: award/<charxp|dev|quest|exploration|conversion> <character> = ..."

    def do_charxp(self):
        character = self.find_character(self.lhs)
        amount_text, reason = self.reason_split(required=False)
        amount = parse_amount(amount_text, maximum=progression_settings.MAX_XP_AWARD)
        locked = "locked" in self.switches
        kind = "locked" if locked else "transferable"
        self.staff_move(
            StaffAction.AWARD_CHARACTER_XP,
            character=character,
            amount=amount,
            transferable=not locked,
            description=reason,
            done=f"You award {character.key} {amount} {kind} XP{_because(reason)}",
        )

    def do_dev(self, source: str = DevelopmentSource.OTHER):
        character = self.find_character(self.lhs)
        head, reason = self.reason_split(required=False)
        name, amount = self.subject_and_amount(
            head, maximum=progression_settings.MAX_DEVELOPMENT_AWARD, signed_amount=False
        )
        trait = self.find_trait(name)
        self.staff_move(
            StaffAction.AWARD_DEVELOPMENT,
            character=character,
            trait=trait,
            amount=amount,
            source=source,
            description=reason,
            done=lambda row: (
                f"You award {character.key} {row.amount} {trait.name} development points "
                f"({DevelopmentSource(source).label.lower()}){_because(reason)}"
            ),
        )

    def do_quest(self):
        self.do_dev(DevelopmentSource.QUEST)

    def do_exploration(self):
        self.do_dev(DevelopmentSource.EXPLORATION)

    def do_conversion(self):
        character = self.find_character(self.lhs)
        parts = self.rhs.split()
        if len(parts) not in (1, 2):
            raise CommandInputError("Usage: award/conversion <character> = <points> [<rate>]")
        maximum = progression_settings.MAX_XP_AWARD
        points = parse_amount(parts[0], maximum=maximum)
        rate = parse_amount(parts[1], maximum=maximum) if len(parts) == 2 else 2
        self.staff_move(
            StaffAction.CONVERT_CREATION_POINTS,
            character=character,
            remaining_cg_points=points,
            conversion_rate=rate,
            done=f"{character.key} gets {points * rate} locked XP for {points} creation points.",
        )


class CmdCorrect(StaffCommand):
    """
    Correct a number that is wrong, with a reason kept in its ledger.

    Usage:
      correct/xp <player> = <+/-amount> : reason
      correct/kudos <player> = <+/-amount> : reason
      correct/charxp <character> = <+/-amount> : reason
      correct/charxp/locked <character> = <+/-amount> : reason
      correct/dev <character> = <trait> <+/-amount> : reason
      correct/trait <character> = <trait> <+/-amount> : reason
      correct/level <character> = <class> <+/-amount> : reason

    Switches:
      xp     - the player's account XP
      kudos  - the player's kudos
      charxp - the character's transferable XP
      locked - with charxp: the character's locked XP instead
      dev    - development points earned in a trait (taken back from the bank
               first, then from the trait's value)
      trait  - a trait's value, on the 1-100 scale (+5 raises 2.0 to 2.5)
      level  - a class level (from 0 it gives the class, to 0 it removes it)

    A positive amount adds what was missed; a negative one takes back what
    was given in error. The audit (progression_audit) stays clean after each.
    """

    key = "correct"
    switch_options = ("xp", "kudos", "charxp", "locked", "dev", "trait", "level")
    targets = ("xp", "kudos", "charxp", "dev", "trait", "level")
    usage = "Usage: correct/<xp|kudos|charxp|dev|trait|level> <who> = ... : reason"

    def _pool(self, action: str, maximum: int, unit: str):
        account, name = self.find_player(self.lhs)
        amount_text, reason = self.reason_split(required=True)
        amount = parse_amount(amount_text, maximum=maximum, signed=True)
        self.staff_move(
            action,
            named=name,
            account=account,
            amount=amount,
            reason_text=reason,
            done=f"Corrected {name}'s {unit} by {signed(amount)}: {shown(reason)}",
        )

    def do_xp(self):
        self._pool(StaffAction.CORRECT_ACCOUNT_XP, progression_settings.MAX_XP_AWARD, "XP")

    def do_kudos(self):
        self._pool(StaffAction.CORRECT_KUDOS, progression_settings.MAX_KUDOS_AWARD, "kudos")

    def do_charxp(self):
        character = self.find_character(self.lhs)
        amount_text, reason = self.reason_split(required=True)
        amount = parse_amount(amount_text, maximum=progression_settings.MAX_XP_AWARD, signed=True)
        locked = "locked" in self.switches
        kind = "locked" if locked else "transferable"
        self.staff_move(
            StaffAction.CORRECT_CHARACTER_XP,
            character=character,
            amount=amount,
            transferable=not locked,
            reason_text=reason,
            done=f"Corrected {character.key}'s {kind} XP by {signed(amount)}: {shown(reason)}",
        )

    def _character_subject(self, maximum: int):
        character = self.find_character(self.lhs)
        head, reason = self.reason_split(required=True)
        name, amount = self.subject_and_amount(head, maximum=maximum, signed_amount=True)
        return character, name, amount, reason

    def do_dev(self):
        character, name, amount, reason = self._character_subject(
            progression_settings.MAX_DEVELOPMENT_AWARD
        )
        trait = self.find_trait(name)
        self.staff_move(
            StaffAction.CORRECT_DEVELOPMENT,
            character=character,
            trait=trait,
            amount=amount,
            reason_text=reason,
            done=(
                f"Corrected {character.key}'s {trait.name} development by {signed(amount)} "
                f"points: {shown(reason)}"
            ),
        )

    def do_trait(self):
        character, name, amount, reason = self._character_subject(100)
        trait = self.find_trait(name)
        self.staff_move(
            StaffAction.CORRECT_TRAIT_VALUE,
            character=character,
            trait=trait,
            amount=amount,
            reason_text=reason,
            done=f"Corrected {character.key}'s {trait.name} by {signed(amount)}: {shown(reason)}",
        )

    def do_level(self):
        character, name, amount, reason = self._character_subject(10)
        character_class = character_class_named(name)
        if character_class is None:
            raise CommandInputError(f"There is no class called '{echo(name)}'.")
        self.staff_move(
            StaffAction.CORRECT_CLASS_LEVEL,
            character=character,
            character_class=character_class,
            amount=amount,
            reason_text=reason,
            done=(
                f"Corrected {character.key}'s {character_class.name} level by "
                f"{signed(amount)}: {shown(reason)}"
            ),
        )


def _because(reason: str) -> str:
    return f": {shown(reason)}" if reason else "."


__all__ = ["CmdAward", "CmdCorrect"]
