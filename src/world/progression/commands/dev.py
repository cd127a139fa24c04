"""The `dev` command: how a character's traits are developing, and what releases banked points."""

from __future__ import annotations

from ..selectors import development_overview
from ..selectors.holdings import class_levels_held
from .base import ProgressionCommand, rating_text


class CmdDevelopment(ProgressionCommand):
    """
    How the traits of the character you are playing are developing.

    Usage:
      dev
      dev <character>

    Using a trait in scenes earns development points, which raise it
    straight away: ten points are one tenth of a rating (1.9 -> 2.0). A
    major rating (2.0, 3.0, ...) that must be unlocked with XP stops the
    growth just below it; points earned past that are banked, not lost, and
    are applied the moment you buy the unlock shown. Out of character, name
    one of your characters.
    """

    key = "dev"
    aliases = ["development"]
    usage = "Usage: dev [character]"
    naming = "dev {name}"

    def run(self):
        character = self.character_to_use(self.args)
        rows = development_overview(character)
        levels = class_levels_held(character)
        # The ratings held are the table's; the class levels held come first, on one line.
        held = "Class levels held: " + (
            "; ".join(f"{name} level {level}" for name, level in levels) or "none yet"
        )
        if not rows:
            none = f"{character.key} has no trait development yet."
            self.msg(f"{held}\n{none}" if levels else none)
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
        self.msg("\n".join([self.header(f"Development of {character.key}"), held, str(table)]))
