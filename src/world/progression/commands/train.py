"""The `train` command: teach a trait to another character in the room, once a week."""

from __future__ import annotations

from ..selectors import character_named, trait_named
from ..services.training import teach
from .base import CommandInputError, ProgressionCommand, echo


class CmdTrain(ProgressionCommand):
    """
    Teach a trait you know well to another character here.

    Usage:
      train <character> = <trait>

    If your rating in the trait is at least a full point above theirs, the
    lesson gives them development points in it and you a little XP. You
    may teach each character once a week, never your own characters.
    A lesson happens in a room, between two characters there: out of
    character, 'ic' to the teacher first.
    """

    key = "train"
    aliases = ["teach"]
    usage = "Usage: train <character> = <trait>"

    def run(self):
        if self.out_of_character:
            # A lesson needs teacher and student in one room, which an account is not in.
            teacher = self.playing() or next(iter(self.owned_characters()), None)
            ic = f"ic {echo(teacher.key)}" if teacher else "ic <character>"
            raise CommandInputError(
                f"Teach in character: '{ic}', then 'train <student> = <trait>' beside them."
            )
        self.require_equals()
        name, trait_name = self.lhs.strip(), self.rhs.strip()
        if not name or not trait_name:
            raise CommandInputError(self.usage)
        student = character_named(name)
        if student is None or student.location != self.caller.location:
            raise CommandInputError(f"There is no '{echo(name)}' here to teach.")
        trait = trait_named(trait_name)
        if trait is None:
            raise CommandInputError(f"There is no trait called '{echo(trait_name)}'.")
        row = teach(teacher=self.caller, student=student, trait=trait)
        self.msg(f"You teach {student.key} {trait.name}: {row.amount} development points.")
