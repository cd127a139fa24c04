"""Demo kudos categories and some XP and kudos history for the demo player."""

from __future__ import annotations

import contextlib

from world.progression.exceptions import AlreadyConvertedError

from .base import FRIEND_CHARACTER_KEY, FRIEND_KEY, PLAYER_KEY, demo_account, demo_character


def kudos_categories() -> dict:
    """The demo kudos source categories by name, created (with the claim categories) when
    missing."""
    from django.conf import settings

    from world.progression.models import KudosClaimCategory, KudosRewardKind, KudosSourceCategory

    sources = {}
    for name, display, amount, staff_only, description in (
        (
            settings.PROGRESSION_KUDOS_GIVE_CATEGORY,
            "Thanks",
            1,
            False,
            "Another player thanked you with kudos/give.",
        ),
        ("good_sport", "Good sport", 2, False, "Took a loss or a twist with grace."),
        ("staff_pick", "Staff pick", 5, True, "Staff recognise outstanding play."),
    ):
        sources[name], _ = KudosSourceCategory.objects.get_or_create(
            name=name,
            defaults={
                "display_name": display,
                "default_amount": amount,
                "staff_only": staff_only,
                "description": description,
            },
        )
    for name, display, cost, reward, kind, description in (
        ("xp", "XP", 10, 3, KudosRewardKind.XP, "Every 10 kudos become 3 account XP."),
        (
            "title",
            "A title",
            50,
            1,
            KudosRewardKind.STAFF_DELIVERED,
            "A custom title staff will set for you.",
        ),
    ):
        KudosClaimCategory.objects.get_or_create(
            name=name,
            defaults={
                "display_name": display,
                "kudos_cost": cost,
                "reward_amount": reward,
                "reward_kind": kind,
                "description": description,
            },
        )
    return sources


def seed() -> None:
    from django.conf import settings

    from world.progression import services
    from world.progression.models import KudosClaimCategory
    from world.progression.types import ProgressionReason

    sources = kudos_categories()
    player, friend = demo_account(PLAYER_KEY), demo_account(FRIEND_KEY)
    ayla, corin = demo_character("Ayla"), demo_character(FRIEND_CHARACTER_KEY)
    staff = demo_account("admin")
    # Idempotency keys make reseeding a no-op.
    services.award_xp(
        player,
        60,
        ProgressionReason.GM_AWARD,
        "Finished the harbour plot",
        gm=staff,
        idempotency_key="demo:xp:harbour",
    )
    services.award_xp(
        player,
        25,
        ProgressionReason.SCENE_AWARD,
        "Weekly scene bonus",
        idempotency_key="demo:xp:weekly",
    )
    services.award_kudos(
        player,
        1,
        sources[settings.PROGRESSION_KUDOS_GIVE_CATEGORY],
        "Great duel at the docks",
        awarded_by=friend,
        character=ayla,
        awarded_by_character=corin,
        idempotency_key="demo:kudos:duel",
    )
    services.award_kudos(
        player,
        2,
        sources["good_sport"],
        "Lost the race and made it funny",
        awarded_by=friend,
        awarded_by_character=corin,
        idempotency_key="demo:kudos:race",
    )
    services.award_kudos(
        player,
        30,
        sources["staff_pick"],
        "Ran a scene for newcomers",
        awarded_by=staff,
        idempotency_key="demo:kudos:newcomers",
    )
    services.claim_kudos(
        player, 10, KudosClaimCategory.objects.get(name="xp"), idempotency_key="demo:claim:first"
    )
    with contextlib.suppress(AlreadyConvertedError):  # converted on an earlier run
        services.award_cg_conversion_xp(ayla, remaining_cg_points=10, conversion_rate=2)
