"""The vote command: thank another player for their roleplay, a few times a week."""

from __future__ import annotations

from textwrap import fill

from django.utils import timezone
from evennia.commands.default.muxcommand import MuxCommand

from world.progression.exceptions import ProgressionError
from world.progression.rules.text import counted

from .exceptions import VotingError

WIDTH = 78
USAGE = "Usage: vote <character>  (or 'vote' to see this week's votes)"
NAME_LENGTH = 80


class CmdVote(MuxCommand):
    """
    Vote for another player's roleplay.

    Usage:
      vote
      vote <character>

    Votes a character whose roleplay you enjoyed this week. You have a few
    votes a week, one per character, never for your own characters or your
    alts'. When the week ends, each player gets account XP for the votes
    their characters received (the first votes count most) and for the
    scenes they played in. Without a name, shows your votes this week.
    """

    key = "vote"
    locks = "cmd:all()"
    help_category = "Progression"

    def func(self):
        try:
            if self.switches:
                raise VotingError(USAGE)
            self.run()
        except ProgressionError as error:
            self.msg(f"|r{fill(str(error), width=WIDTH)}|n")

    def run(self):
        from .rules import week_of
        from .selectors import character_named, votes_cast
        from .services import cast_vote, votes_left

        voter = self.account or getattr(self.caller, "account", None)
        if voter is None:
            raise VotingError("Voting needs a player account, and you have none.")
        name = self.args.strip()
        week = week_of(timezone.now())
        if not name:
            cast = votes_cast(voter, week)
            names = ", ".join(vote.character.key for vote in cast) or "nobody yet"
            self.msg(
                fill(
                    f"This week ({week}) you voted for {names}. "
                    f"{counted(votes_left(voter, week=week), 'vote')} left.",
                    width=WIDTH,
                )
            )
            return
        if len(name) > NAME_LENGTH:
            raise VotingError(f"There is no character '{name[:20]}...'.")
        character = character_named(name)
        if character is None:
            raise VotingError(f"There is no character '{_plain(name)}'.")
        cast_vote(voter=voter, character=character)
        self.msg(
            fill(
                f"You vote for {character.key}'s roleplay this week. "
                f"{counted(votes_left(voter, week=week), 'vote')} left.",
                width=WIDTH,
            )
        )


def _plain(text: str) -> str:
    from evennia.utils.ansi import strip_ansi

    return strip_ansi(text)


VOTING_COMMANDS = (CmdVote,)
