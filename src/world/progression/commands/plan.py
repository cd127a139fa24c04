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

    `plan warrior 4` lists each level still to buy on the way, its price
    and any requirement not met yet, with the XP saved so far. `plan/set`
    makes it your character's goal, shown on `xp` with a progress bar.
    Nothing is ever spent by planning.
    """

    key = "plan"
    switch_options = ("set", "clear")
    usage = "Usage: plan <class> <level> | plan <trait> <rating> | plan/set … | plan/clear"

    def run(self):
        if self.out_of_character:
            raise CommandInputError("Plan in character: 'ic' to the character first.")
        if "clear" in self.switches:
            set_goal(character=self.caller, unlock=None)
            self.msg("Your goal is cleared.")
            return
        if not self.args.strip():
            if self.switches:
                raise CommandInputError(self.usage)
            self.msg(goal_line(self.caller) or "No goal set. Type 'plan/set <unlock>' to set one.")
            return
        target = self.find_unlock(self.args, character=self.caller)
        plan = plan_for(self.caller, target)
        if "set" in self.switches:
            set_goal(character=self.caller, unlock=target)
            self.msg(f"Your goal is now {target}. 'xp' shows how much of it is saved.")
            return
        if not plan.steps:
            self.msg(f"{self.caller.key} already has {target}.")
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
