"""The progression package MUD clients and the webclient are sent out of band (GMCP
`Char.Progression`): an account's XP and kudos, and the character a session plays, its pools,
its goal and its achievements, read in a fixed number of queries."""

from __future__ import annotations

from django.db.models import F

from ..models import ExperiencePointsData, KudosPointsData
from ..models.achievements import read_progress
from ..rules.achievements import AchievementStatus
from ..rules.unlocks import unlock_label
from .achievements import achievement_statuses
from .characters import character_xp_pools
from .plans import Plan, goals_of


def progression_package(account, character=None) -> dict:
    """What a client shows of `account`'s progression, and of `character` (the session's
    puppet; None out of character):

        {"xp": {"available", "earned", "spent"}, "kudos": {"available"},
         "character": None | {"name", "xp": {"locked", "transferable"},
                              "goal": None | {"unlock", "total", "saved", "missing", "reached"},
                              "achievements": {"completed": [{"key", "name"}],
                                               "open": [{"key", "name", "done", "needed"}]}}}

    Plain numbers and strings only, so it encodes as JSON for GMCP and the webclient alike.
    """
    xp = ExperiencePointsData.objects.filter(account_id=account.pk).values(
        "total_earned", "total_spent"
    ).first() or {"total_earned": 0, "total_spent": 0}
    kudos = (
        KudosPointsData.objects.filter(account_id=account.pk)
        .values_list(F("total_earned") - F("total_claimed"), flat=True)
        .first()
    )
    return {
        "xp": {
            "available": xp["total_earned"] - xp["total_spent"],
            "earned": xp["total_earned"],
            "spent": xp["total_spent"],
        },
        "kudos": {"available": kudos or 0},
        "character": None if character is None else _character_part(account, character),
    }


def _character_part(account, character) -> dict:
    pools = character_xp_pools(character)
    goal = goals_of([character], account=account).get(character.pk)
    return {
        "name": character.key,
        "xp": {"locked": pools["locked"], "transferable": pools["transferable"]},
        "goal": None if goal is None else _goal_part(goal),
        "achievements": _achievements_part(achievement_statuses(read_progress(character))),
    }


def _goal_part(plan: Plan) -> dict:
    # The numbers the `xp` goal line shows: saved XP counts no further than the price, and what
    # stands in the way besides XP is the unmet requirements (as a count; `plan` names them).
    return {
        "unlock": unlock_label(plan.target),
        "total": plan.total_xp,
        "saved": min(plan.saved_xp, plan.total_xp),
        "missing": len(plan.unmet),
        "reached": not plan.steps,
    }


def _achievements_part(statuses: list[AchievementStatus]) -> dict:
    # What the `achievements` command lists by default: those earned, and those open to the
    # character (their prerequisites earned) with how far along each is.
    return {
        "completed": [
            {"key": status.key, "name": status.name} for status in statuses if status.completed
        ],
        "open": [
            {
                "key": status.key,
                "name": status.name,
                "done": min(status.done, status.needed),
                "needed": status.needed,
            }
            for status in statuses
            if not status.completed and not status.waiting_for
        ],
    }


__all__ = ["progression_package"]
