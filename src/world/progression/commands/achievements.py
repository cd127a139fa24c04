"""The `achievements` command: Evennia's achievements contrib's own command (its key, aliases,
switches and their filters) drawn as the game's 80-column table for one character, with the
staff switches that grant or revoke an achievement with a reason."""

from __future__ import annotations

from evennia.contrib.game_systems.achievements.achievements import CmdAchieve

from ..selectors import character_named
from ..selectors.achievements import achievements_named, character_achievements
from ..services.achievements import grant_achievement, revoke_achievement
from .base import CommandInputError, ProgressionCommand, date_text, echo, shown

# The contrib's filters, by switch: which achievements each lists (without one: every
# achievement open to the character, its prerequisites earned).
FILTERS = {
    "progress": lambda status: not status.completed and status.done > 0,
    "completed": lambda status: status.completed,
    "done": lambda status: status.completed,
    "all": lambda status: True,
    None: lambda status: not status.waiting_for,
}


class CmdAchievements(ProgressionCommand, CmdAchieve):
    """
    Your character's achievements, and how far along each one is.

    Usage:
      achievements [<character>]
      achievements[/switch] [<character> =] [<words>]
      achievements/grant <character> = <achievement> : <reason>  (staff)
      achievements/revoke <character> = <achievement> : <reason>  (staff)

    Switches:
      progress  - only those started and not yet earned
      done      - only those earned
      completed - the same as done
      all       - every one, also those that wait for another first
      grant     - give a character an achievement (staff)
      revoke    - take one back; its progress starts over (staff)

    Achievements are earned in play: scenes that count (two players or
    more, each posing), votes other players give you, your first unlock,
    your first lesson taught, your first path. Story achievements are
    granted by staff. Some class levels need one: 'unlocks' says which.
    Words look for achievements by name. Out of character, name one of
    your characters: 'achievements Ayla'.
    """

    key = CmdAchieve.key
    aliases = list(CmdAchieve.aliases)
    switch_options = (*CmdAchieve.switch_options, "grant", "revoke")
    staff_switches = ("grant", "revoke")
    usage = "Usage: achievements [character] or achievements[/done] [character =] <words>"
    naming = "achievements {name}"

    def run(self):
        if "grant" in self.switches or "revoke" in self.switches:
            self.change()
            return
        character, words = self.character_and_words()
        lines = [self.header(f"Achievements of {character.key}")]
        keep = FILTERS[next((s for s in self.switches if s in FILTERS), None)]
        wanted = achievements_named(words) if words else None
        if wanted == {}:
            raise CommandInputError(f"No achievement matches '{echo(words)}'.")
        every = character_achievements(character)
        shown_lines = [
            line
            for line in every
            if keep(line.status) and (wanted is None or line.status.key in wanted)
        ]
        if not shown_lines:
            lines.append("There are no matching achievements.")
        else:
            table = self.table("Achievement", "Progress", "What it takes")
            for line in shown_lines:
                status = line.status
                progress = status.progress_text
                if line.earned_on is not None:
                    progress = f"earned {date_text(line.earned_on)}"
                table.add_row(status.name, progress, status.description)
            lines.append(str(table))
        earned = sum(line.status.completed for line in every)
        lines.append(f"{character.key} has earned {earned} of {len(every)} achievements.")
        self.msg("\n".join(lines))

    def character_and_words(self):
        """The character to show and the words to look for: `<character> = <words>`, or a
        character's name alone, or words about the character being played."""
        if self.rhs is not None:
            return self.character_to_view(self.lhs), self.rhs.strip()
        text = self.args.strip()
        if text and (character := self.character_named_by(text)) is not None:
            return character, ""
        return self.character_to_use(), text

    def character_named_by(self, name: str):
        """One of the player's characters called `name`; staff may name any character."""
        wanted = name.lower()
        found = next((c for c in self.owned_characters() if c.key.lower() == wanted), None)
        if found is None and self.is_staff():
            found = character_named(name)
        return found

    def character_to_view(self, name: str):
        if name.strip() and (character := self.character_named_by(name.strip())) is not None:
            return character
        return self.character_to_use(name)

    def change(self):
        grant = "grant" in self.switches
        switch = "grant" if grant else "revoke"
        self.usage = f"Usage: achievements/{switch} <character> = <achievement> : <reason>"
        self.require_equals()
        character = character_named(self.lhs)
        if character is None:
            raise CommandInputError(f"There is no character called '{echo(self.lhs)}'.")
        name, _, reason = self.rhs.partition(":")
        if not reason.strip():
            raise CommandInputError(f"A {switch} needs a reason. {self.usage}")
        key, definition = self.one_achievement(name)
        service = grant_achievement if grant else revoke_achievement
        service(character=character, key=key, staff=self.player_account, reason=reason)
        if grant:
            self.msg(
                f"You grant {character.key} the achievement {definition['name']}: "
                f"{shown(reason.strip())}"
            )
        else:
            self.msg(
                f"You revoke {character.key}'s achievement {definition['name']}: "
                f"{shown(reason.strip())}"
            )

    def one_achievement(self, name: str) -> tuple[str, dict]:
        found = achievements_named(name)
        if not found:
            raise CommandInputError(f"No achievement matches '{echo(name.strip())}'.")
        if len(found) > 1:
            names = ", ".join(definition["name"] for definition in found.values())
            raise CommandInputError(f"'{echo(name.strip())}' could be {echo(names, length=60)}.")
        return next(iter(found.items()))


__all__ = ["CmdAchievements"]
