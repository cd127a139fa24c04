"""Casting votes, and the weekly run that turns a week's votes and scenes into account XP.

The weekly run posts at most one XP ledger row per account per ISO week, through
world.progression's `award_xp` with the key `weekly:<week>:<account pk>`: run twice, or again
after a crash half-way, it pays each account once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from evennia.accounts.models import AccountDB
from evennia.server.models import ServerConfig

from world.progression.exceptions import SelfAwardError
from world.progression.models import ExperiencePointsData, XPTransaction
from world.progression.rules.achievements import VOTE_RECEIVED
from world.progression.selectors.players import require_different_players
from world.progression.services import award_xp, owning_account
from world.progression.services.achievements import report_play
from world.progression.types import ProgressionReason

from .conf import setting
from .exceptions import AlreadyVotedError, InvalidWeekError, SelfVoteError, VoteLimitError
from .models import Vote
from .rules import new_partner_xp, previous_week, scene_xp, vote_xp, week_bounds, week_of
from .selectors import (
    first_finished_scene,
    new_partners_by_account,
    scenes_finished_by_account,
    votes_received_by_account,
)

# Where the weekly run remembers the last week it paid (Evennia's server-wide key-value store).
LAST_PAID_WEEK = "voting_last_paid_week"


def weekly_key(week: str, account_pk: int) -> str:
    return f"weekly:{week}:{account_pk}"


def votes_left(voter, *, week: str | None = None) -> int:
    week = week or week_of(timezone.now())
    used = Vote.objects.filter(voter_id=voter.pk, week=week).count()
    return max(0, setting("VOTING_VOTES_PER_WEEK") - used)


def cast_vote(*, voter, character, now=None) -> Vote:
    """`voter` votes for `character`'s roleplay this ISO week.

    Raises SelfVoteError (their own character, or one of an alt account: same email),
    UnknownPlayerError (either account has no email and no staff confirmation),
    AlreadyVotedError (that character this week), VoteLimitError (VOTING_VOTES_PER_WEEK used);
    nothing changes then.
    """
    recipient = owning_account(character)
    if recipient is None:
        raise SelfVoteError(f"{character.key} is not a player's character; vote for players.")
    if voter.pk == recipient.pk:
        raise SelfVoteError("You cannot vote for your own characters.")
    try:
        require_different_players(
            voter,
            recipient,
            alt_refusal="You cannot vote for the characters of your own alt accounts.",
            other_name=character.key,
        )
    except SelfAwardError as error:
        raise SelfVoteError(str(error)) from None
    week = week_of(now or timezone.now())
    with transaction.atomic():
        # Lock the voter: two votes at once queue here, so the count cannot be outrun.
        AccountDB.objects.select_for_update(no_key=True).filter(pk=voter.pk).values_list(
            "pk"
        ).first()
        if Vote.objects.filter(voter_id=voter.pk, character_id=character.pk, week=week).exists():
            raise AlreadyVotedError(f"You have already voted for {character.key} this week.")
        if votes_left(voter, week=week) <= 0:
            raise VoteLimitError(
                f"You have cast all {setting('VOTING_VOTES_PER_WEEK')} of your votes this "
                "week; they come back on Monday."
            )
        try:
            with transaction.atomic():
                vote = Vote.objects.create(
                    voter=voter, character_id=character.pk, recipient=recipient, week=week
                )
        except IntegrityError:  # the same vote, cast twice at once
            raise AlreadyVotedError(
                f"You have already voted for {character.key} this week."
            ) from None
        report_play([character], VOTE_RECEIVED)
        return vote


@dataclass
class WeekResult:
    """What one weekly run did: rows paid now, accounts paid by an earlier run, accounts over
    the hoard cap (skipped)."""

    week: str
    paid: list[XPTransaction] = field(default_factory=list)
    already_paid: list[int] = field(default_factory=list)
    over_hoard_cap: list[int] = field(default_factory=list)

    @property
    def message(self) -> str:
        total = sum(tx.amount for tx in self.paid)
        return (
            f"{self.week}: paid {len(self.paid)} account{'s' if len(self.paid) != 1 else ''} "
            f"{total} XP; {len(self.already_paid)} already paid; "
            f"{len(self.over_hoard_cap)} over the hoard cap."
        )


def check_week(week: str) -> str:
    """`week` if it is an ISO week "YYYY-Www" that has ended; InvalidWeekError otherwise."""
    try:
        _start, end = week_bounds(week)
    except ValueError as error:
        raise InvalidWeekError(str(error)) from None
    if end > timezone.now():
        raise InvalidWeekError(f"Week {week} has not ended yet; pay it once it has.")
    return week


def pay_week(*, week: str) -> WeekResult:
    """Pay every account its XP for `week`: votes received (VOTING_XP_BY_VOTE), a bonus for the
    qualifying scenes it was in (VOTING_XP_PER_SCENE, at most VOTING_SCENE_XP_CAP) and one for
    each player it played with and had not in the VOTING_NEW_PARTNER_WEEKS weeks before
    (VOTING_NEW_PARTNER_XP, for at most VOTING_NEW_PARTNER_CAP of them), one ledger row each,
    keyed by week and account. With VOTING_HOARD_CAP set, accounts holding more unspent XP than
    that are skipped."""
    check_week(week)
    votes = votes_received_by_account(week)
    scenes = scenes_finished_by_account(week)
    partners = new_partners_by_account(week, weeks=setting("VOTING_NEW_PARTNER_WEEKS"))
    tallies = {
        account_pk: (
            votes.get(account_pk, 0),
            scenes.get(account_pk, 0),
            partners.get(account_pk, 0),
        )
        for account_pk in votes.keys() | scenes.keys()
    }
    amounts = {pk: amount for pk, tally in tallies.items() if (amount := week_xp(*tally)) > 0}
    result = WeekResult(week=week)
    if not amounts:
        return result
    keys = {weekly_key(week, pk): pk for pk in amounts}
    paid_before = set(
        XPTransaction.objects.filter(idempotency_key__in=keys).values_list(
            "idempotency_key", flat=True
        )
    )
    result.already_paid = sorted(keys[key] for key in paid_before)
    hoarders = _over_hoard_cap(set(amounts) - set(result.already_paid))
    result.over_hoard_cap = sorted(hoarders)
    accounts = AccountDB.objects.in_bulk(set(amounts) - set(result.already_paid) - hoarders)
    for account_pk, account in sorted(accounts.items()):
        result.paid.append(
            award_xp(
                account,
                amounts[account_pk],
                ProgressionReason.SYSTEM_AWARD,
                _description(week, *tallies[account_pk]),
                idempotency_key=weekly_key(week, account_pk),
            )
        )
    return result


def week_xp(votes: int, scenes: int, partners: int = 0) -> int:
    """What `votes` received, `scenes` counted and `partners` new to one pay in a week, by the
    settings' scales."""
    return sum(_week_parts(votes, scenes, partners))


def _week_parts(votes: int, scenes: int, partners: int) -> tuple[int, int, int]:
    """The XP of a week's votes, scenes and new partners, each by its scale and cap."""
    return (
        vote_xp(votes, setting("VOTING_XP_BY_VOTE")),
        scene_xp(scenes, setting("VOTING_XP_PER_SCENE"), setting("VOTING_SCENE_XP_CAP")),
        new_partner_xp(
            partners, setting("VOTING_NEW_PARTNER_XP"), setting("VOTING_NEW_PARTNER_CAP")
        ),
    )


def _over_hoard_cap(account_pks: set[int]) -> set[int]:
    cap = setting("VOTING_HOARD_CAP")
    if cap is None or not account_pks:
        return set()
    return set(
        ExperiencePointsData.objects.filter(
            account_id__in=account_pks, total_earned__gt=F("total_spent") + cap
        ).values_list("account_id", flat=True)
    )


def _description(week: str, votes: int, scenes: int, partners: int) -> str:
    """The player's weekly statement, kept on the ledger row so that the live notice, the away
    summary and `xp/history` all read it. New partners are named only in a week that had some."""
    vote_part, scene_part, partner_part = _week_parts(votes, scenes, partners)
    statement = (
        f"Week {week}: {votes} vote{'s' if votes != 1 else ''} received, {vote_part} XP; "
        f"{scenes} scene{'s' if scenes != 1 else ''} counted, {scene_part} XP"
    )
    if partners:
        statement += f"; {partners} new partner{'s' if partners != 1 else ''}, {partner_part} XP"
    return statement


def pay_due_weeks(*, now=None) -> list[WeekResult]:
    """Pay every week that has ended since the last run, oldest first (`pay_week` each), and
    remember the last one paid. The first run ever starts at the first week anything was
    voted or played. Running it again pays nobody twice: `pay_week` is keyed per account."""
    last = previous_week(now or timezone.now())
    week = _week_after(ServerConfig.objects.conf(LAST_PAID_WEEK)) or _first_week() or last
    results = []
    while week <= last:
        results.append(pay_week(week=week))
        ServerConfig.objects.conf(LAST_PAID_WEEK, week)
        week = _week_after(week)
    return results


def _week_after(week: str | None) -> str | None:
    return week_of(week_bounds(week)[1]) if week else None


def _first_week() -> str | None:
    """The week of the first vote or the first finished scene, or None before either."""
    first_vote = Vote.objects.order_by("week").values_list("week", flat=True).first()
    first_scene = first_finished_scene()
    weeks = [w for w in (first_vote, first_scene and week_of(first_scene)) if w]
    return min(weeks, default=None)
