"""The `path` command: the paths a character chose, and choosing the next one."""

from __future__ import annotations

from world.classes.models import PathStage

from ..selectors.paths import path_choices, path_named
from ..services import select_path
from .base import CommandInputError, ProgressionCommand, date_text, echo


class CmdPath(ProgressionCommand):
    """
    The paths your character has taken, and the one it may take next.

    Usage:
      path [<character>]
      path/choose <path>

    At each stage milestone (Prospect, Potential, Puissant, ...) a
    character chooses a path; past the first, it must follow from the path
    chosen before. `path` shows the history and the paths of the next
    stage with what each still needs; `path/choose` takes one, for good.
    Out of character, `path` takes one of your characters' names.
    """

    key = "path"
    aliases = ["paths"]
    switch_options = ("choose",)
    usage = "Usage: path [character] | path/choose <path>"
    naming = "path {name}"

    def run(self):
        if "choose" in self.switches:
            self.choose()
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

    def choose(self):
        if self.out_of_character:
            raise CommandInputError("Choose a path in character: 'ic' to the character first.")
        name = self.args.strip()
        if not name:
            raise CommandInputError("Usage: path/choose <path>")
        path = path_named(name)
        if path is None:
            raise CommandInputError(f"There is no path called '{echo(name)}'.")
        select_path(self.caller, path)
        self.msg(f"{self.caller.key} takes the {PathStage(path.stage).label} path {path.name}.")
