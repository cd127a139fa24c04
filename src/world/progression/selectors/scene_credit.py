"""Whether a finished scene qualifies for rewards (the farming guard), and what scenes have paid
a character this week. The one place the guard's rule is read: development awards and the
weekly scene bonus both ask `scene_verdict`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Max, Sum

from world.scenes.models import Scene, SceneMessage, SceneParticipation

from ..conf import progression_settings
from ..models import DevelopmentTransaction
from ..rules.weeks import week_bounds
from ..types import ProgressionReason
from .players import player_identities

# The fewest different players a scene needs: a scene played alone (or with one's alts) is
# not a scene, however many characters took part.
MIN_PLAYERS = 2


@dataclass(frozen=True)
class SceneVerdict:
    """Whether `scene` qualified, and why, in a sentence for its players.

    `players` maps each player (their identity by the alt rule) who posed at least the minimum
    to the account credited for them (the weekly scene bonus goes there, once per player) and
    `earners` holds the non-GM characters of those players: only they earn development."""

    qualified: bool
    reason: str
    players: dict[str, int] = field(default_factory=dict)
    earners: frozenset[int] = frozenset()


def scene_verdict(scene: Scene) -> SceneVerdict:
    """The farming guard's verdict on `scene`, read in three queries at most. Worked out once
    per scene instance: each app listening to a finished scene asks it, for the same answer."""
    cached = scene.__dict__.get("_scene_verdict")
    if cached is None:
        cached = scene.__dict__["_scene_verdict"] = _judge(scene)
    return cached


def _judge(scene: Scene) -> SceneVerdict:
    min_poses = progression_settings.SCENE_MIN_POSES
    min_minutes = progression_settings.SCENE_MIN_MINUTES
    rows = list(
        SceneParticipation.objects.filter(scene_id=scene.pk).select_related("account", "character")
    )
    poses = {
        character_pk: (count, last)
        for character_pk, count, last in SceneMessage.objects.filter(scene_id=scene.pk)
        .order_by()
        .values_list("character_id")
        .annotate(count=Count("pk"), last=Max("created"))
    }
    identities = player_identities(row.account for row in rows if row.account is not None)
    posed_by: dict[str, int] = {}
    account_of: dict[str, int] = {}
    unknown = []  # characters whose player the game cannot tell apart from anyone's alt
    for row in sorted(rows, key=lambda row: (row.account_id or 0, row.character_id)):
        identity = identities.get(row.account_id)
        if identity is None:
            if row.account_id is not None:
                unknown.append(row.character.key)
            continue
        posed_by[identity] = posed_by.get(identity, 0) + poses.get(row.character_id, (0,))[0]
        account_of.setdefault(identity, row.account_id)
    players = {
        identity: account_of[identity] for identity, count in posed_by.items() if count >= min_poses
    }
    last_pose = max((last for _count, last in poses.values()), default=None)
    minutes = max(0.0, (last_pose - scene.date_started).total_seconds() / 60) if last_pose else 0

    if len(posed_by) < MIN_PLAYERS:
        took_part = "no player" if not posed_by else "only one player"
        reason = (
            f"It did not qualify, so it earns nothing: {took_part} took part (characters of "
            "one account, or of one player's alts, are one player)"
        )
        if unknown:
            reason += f"; the game cannot tell {', '.join(sorted(unknown))} from an alt (no email)"
        return SceneVerdict(qualified=False, reason=reason + ".")
    if len(players) < MIN_PLAYERS:
        return SceneVerdict(
            qualified=False,
            reason=(
                "It did not qualify, so it earns nothing: it needs at least "
                f"{MIN_PLAYERS} players who each posed {min_poses} times or more."
            ),
        )
    if minutes < min_minutes:
        return SceneVerdict(
            qualified=False,
            reason=(
                f"It did not qualify, so it earns nothing: it lasted {round(minutes)} "
                f"minute{'s' if round(minutes) != 1 else ''} from its start to its last pose, "
                f"under the {min_minutes} a scene needs."
            ),
        )
    earners = frozenset(
        row.character_id
        for row in rows
        if not row.is_gm and identities.get(row.account_id) in players
    )
    return SceneVerdict(
        qualified=True,
        reason=(
            f"It qualified: {len(players)} players each posed {min_poses} times or more over "
            f"{round(minutes)} minutes."
        ),
        players=players,
        earners=earners,
    )


def scene_development_in_week(character_pks: Iterable[int], week: str) -> dict[int, dict[int, int]]:
    """{character pk: {trait pk: development points earned from scenes in ISO `week`}}, one
    query (the weekly caps count these)."""
    start, end = week_bounds(week)
    earned: dict[int, dict[int, int]] = {}
    rows = (
        DevelopmentTransaction.objects.filter(
            character_id__in=set(character_pks),
            reason=ProgressionReason.SCENE_AWARD,
            scene__isnull=False,
            transaction_date__gte=start,
            transaction_date__lt=end,
        )
        .order_by()
        .values_list("character_id", "trait_id")
        .annotate(points=Sum("amount"))
    )
    for character_pk, trait_pk, points in rows:
        earned.setdefault(character_pk, {})[trait_pk] = points or 0
    return earned


__all__ = ["MIN_PLAYERS", "SceneVerdict", "scene_development_in_week", "scene_verdict"]
