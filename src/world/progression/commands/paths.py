"""The `path` command: the paths a character chose, and choosing the next one."""

from __future__ import annotations

from world.classes.models import PathStage

from ..selectors.paths import path_choices, path_named, why_not_path
from ..services import select_path
from .base import CommandInputError, ProgressionCommand, date_text, echo


class CmdPath(ProgressionCommand):
    """
    The paths your character has taken, and the one it may take next.

    Usage:
      path [<character>]
      path/choose <path>
      path/confirm <path>
      path/choose <character> = <path>  (and path/confirm, out of character)

    Switches:
      choose  - see whether you may take a path, and how to confirm it
      confirm - take it, for good

    At each stage milestone (Prospect, Potential, Puissant, ...) a
    character chooses a path; past the first, it must follow from the path
    chosen before. `path` shows the history and the paths of the next
    stage with what each still needs; `path/choose` tells whether you may
    take one and `path/confirm` takes it, for good. Out of character, name
    one of your characters: `path Ayla`, `path/confirm Ayla = Blade`.
    """

    key = "path"
    aliases = ["paths"]
    switch_options = ("choose", "confirm")
    usage = "Usage: path [character] | path/choose <path> | path/confirm <path>"
    naming = "path {name}"

    def run(self):
        if "choose" in self.switches or "confirm" in self.switches:
            self.choose(confirm="confirm" in self.switches)
            return
        character = self.character_to_use(self.args)
        choices = path_choices(character)
        lines = [self.header(f"Paths of {character.key}")]
        if choices.history:
            table = self.table("Stage", "Path", "Chosen")
            for entry in choices.history:
                table.add_row(
                    PathStage(entry.path.stage).label, entry.path.name, date_text(entry.selected_at)
                )
            lines.append(str(table))
        else:
            lines.append(f"{character.key} has not chosen a path yet.")
        if choices.stage is None:
            lines.append("Every stage has its path.")
        elif not choices.options:
            lines.append(f"No {PathStage(choices.stage).label} path is open yet.")
        else:
            lines.append(f"{PathStage(choices.stage).label} paths:")
            table = self.table("Path", "Open?")
            for option in choices.options:
                table.add_row(
                    option.path.name, option.problem or "yes: path/choose " + option.path.name
                )
            lines.append(str(table))
        self.msg("\n".join(lines))

    def choose(self, *, confirm: bool):
        switch = "confirm" if confirm else "choose"
        if self.rhs is not None:
            character, name = self.character_to_use(self.lhs), self.rhs.strip()
        else:
            self.naming = f"path/{switch} {{name}} = <path>"
            character, name = self.character_to_use(), self.args.strip()
        if not name:
            raise CommandInputError(f"Usage: path/{switch} <path>")
        path = path_named(name)
        if path is None:
            raise CommandInputError(f"There is no path called '{echo(name)}'.")
        stage = PathStage(path.stage).label
        if not confirm:
            # Permanent, like a purchase: say whether it may be taken, then ask to confirm.
            if problem := why_not_path(character, path):
                raise CommandInputError(problem)
            typed = " ".join(self.args.split())
            self.msg(
                f"{character.key} may take the {stage} path {path.name}, for good.\n"
                f"To take it, type: |wpath/confirm {typed}|n"
            )
            return
        select_path(character, path)
        self.msg(f"{character.key} takes the {stage} path {path.name}.")
