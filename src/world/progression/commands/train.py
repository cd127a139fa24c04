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
      train <teacher>, <pupil> = <trait>    (out of character)

    If your rating in the trait is at least a full point above theirs, the
    lesson gives them development points in it and you a little XP. You
    may teach each character once a week, never your own characters.
    A lesson happens in a room, between two characters there. Out of
    character, name the teacher: one of your characters, in the game
    world beside the pupil (`train Ayla, Corin = Lore`).
    """

    key = "train"
    aliases = ["teach"]
    usage = "Usage: train <character> = <trait>"
    naming = "train {name}, <pupil> = <trait>"

    def run(self):
        self.require_equals()
        teacher, name = self.teacher_and_student_name()
        trait_name = self.rhs.strip()
        if not name or not trait_name:
            raise CommandInputError(self.usage)
        # The room rule is the teacher's room, whoever types: an account is in none.
        if teacher.location is None:
            raise CommandInputError(
                f"{teacher.key} is not in the game world: 'ic {echo(teacher.key)}' to teach."
            )
        student = character_named(name)
        if student is None or student.location != teacher.location:
            where = "here" if teacher == self.caller else f"beside {teacher.key}"
            raise CommandInputError(f"There is no '{echo(name)}' {where} to teach.")
        trait = trait_named(trait_name)
        if trait is None:
            raise CommandInputError(f"There is no trait called '{echo(trait_name)}'.")
        row = teach(teacher=teacher, student=student, trait=trait)
        who = "You teach" if teacher == self.caller else f"{teacher.key} teaches"
        self.msg(f"{who} {student.key} {trait.name}: {row.amount} development points.")

    def teacher_and_student_name(self):
        """(the teacher, the student's name as typed): `<teacher>, <student>` names one of the
        player's characters as the teacher (out of character it must); else the one played."""
        names = [part.strip() for part in self.lhs.split(",")]
        if len(names) == 2 and names[0]:
            return self.character_to_use(names[0]), names[1]
        if len(names) == 1:
            return self.character_to_use(), names[0]
        raise CommandInputError(self.usage)
