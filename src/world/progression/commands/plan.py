"""The `plan` command: what stands between a character and an unlock, and saving for it."""

from __future__ import annotations

from ..selectors.plans import goal_of, plan_for
from ..services.plans import set_goal
from .base import CommandInputError, ProgressionCommand

BAR_WIDTH = 20


def progress_bar(fraction: float) -> str:
    filled = round(fraction * BAR_WIDTH)
    return "[" + "#" * filled + "-" * (BAR_WIDTH - filled) + "]"


def goal_line(character) -> str | None:
    """One line on the character's goal: how much of it is saved and what else is missing, or
    None without one."""
    goal = goal_of(character)
    if goal is None:
        return None
    plan = plan_for(character, goal)
    if not plan.steps:
        return f"Goal: {goal} (reached)"
    line = (
        f"Goal: {plan.steps[-1].label}: {min(plan.saved_xp, plan.total_xp)} of "
        f"{plan.total_xp} XP saved {progress_bar(plan.progress)}"
    )
    # Saved XP is not the whole story: the plan's unmet requirements and unpriced steps stand
    # in the way as much as XP does.
    if plan.unmet:
        line += "; still missing: " + "; ".join(plan.unmet)
    if plan.not_for_sale:
        line += "; not for sale yet: " + ", ".join(plan.not_for_sale)
    return line


class CmdPlan(ProgressionCommand):
    """
    Plan for an unlock: every step to it, what it costs, what is missing.

    Usage:
      plan
      plan <class> <level>    or    plan <trait> <rating>
      plan/set <class> <level>    or    plan/set <trait> <rating>
      plan/clear
      plan[/set] <character> = <unlock>, plan <character>,
      plan/clear <character>    (out of character)

    Switches:
      set   - make the unlock your character's goal
      clear - forget the goal

    `plan warrior 4` lists each level still to buy on the way, its price
    and any requirement not met yet, with the XP saved so far. `plan/set`
    makes it your character's goal, shown on `xp` with a progress bar.
    Nothing is ever spent by planning. Out of character, name one of your
    characters: `plan Ayla = warrior 2`.
    """

    key = "plan"
    switch_options = ("set", "clear")
    usage = "Usage: plan <class> <level> | plan <trait> <rating> | plan/set … | plan/clear"
    naming = "plan {name} = <unlock>"

    def run(self):
        character, wanted = self.character_and_unlock()
        if "clear" in self.switches:
            if wanted:
                raise CommandInputError(self.usage)
            set_goal(character=character, unlock=None)
            self.msg("Your goal is cleared.")
            return
        if not wanted:
            if self.switches:
                raise CommandInputError(self.usage)
            self.msg(goal_line(character) or "No goal set. Type 'plan/set <unlock>' to set one.")
            return
        target = self.find_unlock(wanted, character=character)
        if "set" in self.switches:
            set_goal(character=character, unlock=target)
            self.msg(f"Your goal is now {target}. 'xp' shows how much of it is saved.")
            return
        plan = plan_for(character, target)
        if not plan.steps:
            self.msg(f"{character.key} already has {target}.")
            return
        table = self.table("Step", "Cost", "Missing")
        for step in plan.steps:
            cost = f"{step.price} XP" if step.price is not None else "not for sale"
            table.add_row(step.label, cost, "; ".join(step.failed) or "")
        lines = [
            self.header(f"Plan for {target}"),
            str(table),
            f"Total: {plan.total_xp} XP; saved: {plan.saved_xp} XP {progress_bar(plan.progress)}",
        ]
        if plan.not_for_sale:
            lines.append("Not for sale yet: " + ", ".join(plan.not_for_sale) + ".")
        lines.append("Nothing is spent by planning; 'plan/set' makes it your goal.")
        self.msg("\n".join(lines))

    def character_and_unlock(self):
        """(the character, the unlock typed or ""): `<character> = <unlock>` anywhere; out of
        character without '=', what follows `plan` or `plan/clear` names the character."""
        if self.rhs is not None:
            if not self.lhs:
                raise CommandInputError(self.usage)
            return self.character_to_use(self.lhs), self.rhs
        if not self.out_of_character:
            return self.caller, self.args.strip()
        named = self.args.strip().lower()
        for character in self.owned_characters():
            if character.key.lower() == named:
                return character, ""
        # An unlock typed without a character: say how to name one.
        return self.character_to_use(), ""
