"""The progression commands players and staff type in the game, one module per family.

Each command parses its input, calls one service or selector and formats the answer for an
80-column client; every refusal or failure is one line (see `base.ProgressionCommand.func`).
`PROGRESSION_COMMANDS` go into the character command set, `ACCOUNT_PROGRESSION_COMMANDS` into the
account's, so they also answer out of character: the account ones show the account's XP and kudos,
and the character views ask which character (or take its name).
"""

from .achievements import CmdAchievements
from .approvals import CmdApprove
from .base import CommandInputError, ProgressionCommand
from .dev import CmdDevelopment
from .email import CmdEmail
from .kudos import CmdKudos
from .paths import CmdPath
from .plan import CmdPlan
from .staff import CmdAward, CmdCorrect
from .train import CmdTrain
from .unlocks import CmdUnlock, CmdUnlocks
from .xp import CmdXP

PROGRESSION_COMMANDS = (
    CmdXP,
    CmdUnlocks,
    CmdUnlock,
    CmdDevelopment,
    CmdKudos,
    CmdPath,
    CmdTrain,
    CmdPlan,
    CmdAchievements,
    CmdEmail,
    CmdAward,
    CmdCorrect,
    CmdApprove,
)
ACCOUNT_PROGRESSION_COMMANDS = PROGRESSION_COMMANDS

__all__ = [
    "ACCOUNT_PROGRESSION_COMMANDS",
    "PROGRESSION_COMMANDS",
    "CmdAchievements",
    "CmdApprove",
    "CmdAward",
    "CmdCorrect",
    "CmdDevelopment",
    "CmdEmail",
    "CmdKudos",
    "CmdPath",
    "CmdPlan",
    "CmdTrain",
    "CmdUnlock",
    "CmdUnlocks",
    "CmdXP",
    "CommandInputError",
    "ProgressionCommand",
]
