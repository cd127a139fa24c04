"""Every way a vote or a weekly run can be refused; each message is one line a player can read."""

from world.progression.exceptions import ProgressionError


class VotingError(ProgressionError):
    code = "voting_error"


class SelfVoteError(VotingError):
    code = "self_vote"


class VoteLimitError(VotingError):
    code = "vote_limit"


class AlreadyVotedError(VotingError):
    code = "already_voted"


class InvalidWeekError(VotingError):
    code = "invalid_week"
