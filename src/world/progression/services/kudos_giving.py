"""Players giving each other kudos: the thanks category, with the rules that keep it honest.

A player may give kudos to another player's account, never to their own, never to an account
that shares their mailbox, nor between accounts the alt rule cannot tell apart
(`selectors.players`: an account without an email must have one, or staff's word), and at most
`PROGRESSION_KUDOS_GIVES_PER_WEEK` times in any rolling seven days.

The mailbox is the one sign of an alt the game refuses on: IP addresses are shared by
households, campuses and mobile carriers, so refusing on them would refuse honest votes. This
check is not complete (a second mailbox defeats it); the economy report lists possible alts
(same mailbox, same creation IP) for staff to judge.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from evennia.accounts.models import AccountDB
from evennia.objects.models import ObjectDB

from ..conf import progression_settings
from ..exceptions import AwardLimitError, ProgressionError, SelfAwardError
from ..models import KudosSourceCategory, KudosTransaction
from ..selectors.players import require_different_players
from ..types import AwardResult
from .kudos import award_kudos

GIVING_WINDOW = timedelta(days=7)


def gives_per_week() -> int:
    return progression_settings.KUDOS_GIVES_PER_WEEK


def give_category() -> KudosSourceCategory:
    """The thanks category named by the `KUDOS_GIVE_CATEGORY` setting (its own category, not the
    `vote` command's), made with a default of 1 kudos the first time anyone gives if the
    migration did not make it (staff tune or deactivate it in the admin)."""
    return KudosSourceCategory.objects.get_or_create(
        name=progression_settings.KUDOS_GIVE_CATEGORY,
        defaults={
            "display_name": "Thanks",
            "description": "Another player thanked you with kudos/give.",
            "default_amount": 1,
        },
    )[0]


def gives_left_this_week(giver: AccountDB, *, now=None) -> int:
    """How many more times `giver` may give kudos before the rolling seven days run out."""
    since = (now or timezone.now()) - GIVING_WINDOW
    given = KudosTransaction.objects.filter(
        awarded_by_id=giver.pk,
        source_category__name=progression_settings.KUDOS_GIVE_CATEGORY,
        transaction_date__gte=since,
    ).count()
    return max(0, gives_per_week() - given)


def give_kudos(
    giver: AccountDB,
    recipient: AccountDB,
    reason: str,
    *,
    character: ObjectDB | None = None,
    giver_character: ObjectDB | None = None,
) -> AwardResult:
    """`giver` gives `recipient` the thanks category's default amount, saying why; `character`
    is the recipient's character thanked, `giver_character` the one the giver plays.

    Raises SelfAwardError (yourself or your alt), UnknownPlayerError (either account has no
    email and no staff confirmation: see `selectors.players`), AwardLimitError (weekly limit),
    InactiveCategoryError (staff switched voting off), or ProgressionError for an empty reason;
    nothing changes then.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ProgressionError("Say why you are giving kudos: it is shown to them.")
    if giver.pk == recipient.pk:
        raise SelfAwardError()
    require_different_players(
        giver,
        recipient,
        alt_refusal="You cannot give kudos to your own alt accounts.",
        # The giver named the account (kudos/give <player>), or plays with its character.
        other_name=character.key if character is not None else recipient.key,
    )
    category = give_category()
    with transaction.atomic():
        # Lock the giver: two gives at once queue here, so the count below cannot be outrun.
        AccountDB.objects.select_for_update(no_key=True).filter(pk=giver.pk).values_list(
            "pk"
        ).first()
        if gives_left_this_week(giver) <= 0:
            raise AwardLimitError(
                f"You have given kudos {gives_per_week()} times in the last 7 days; "
                "that is the weekly limit."
            )
        return award_kudos(
            recipient,
            category.default_amount,
            category,
            description=reason,
            awarded_by=giver,
            character=character,
            awarded_by_character=giver_character,
        )
