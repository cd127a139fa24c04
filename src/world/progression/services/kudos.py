"""Awarding and claiming kudos, and closing the reward requests staff deliver.

Claims take whole units only: a category at 10 kudos per unit refuses a claim of 15 with a
message naming 10 and 20, rather than silently keeping the remainder. What a claim gives is the
category's `reward_kind`, never its name: an XP category credits the account's XP in the same
transaction; a staff-delivered category opens a `KudosRewardRequest` that staff close in the
admin (`deliver_kudos_reward` / `cancel_kudos_reward`).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from evennia.accounts.models import AccountDB
from evennia.objects.models import ObjectDB

from ..conf import progression_settings
from ..exceptions import (
    InactiveCategoryError,
    InsufficientKudosError,
    InvalidAmountError,
    NotTheirCharacterError,
    RewardRequestClosedError,
    SelfAwardError,
    StaffOnlyCategoryError,
)
from ..models import (
    KudosClaimCategory,
    KudosPointsData,
    KudosRewardRequest,
    KudosRewardRequestStatus,
    KudosSourceCategory,
    KudosTransaction,
)
from ..permissions import is_staff
from ..rules.amounts import BALANCE_LIMIT, require_amount
from ..selectors.accounts import may_act_for
from ..types import AwardResult, ClaimResult, ProgressionReason
from .ledger import Pool, Posting, post
from .xp import post_account_xp

# The specification's services expose the staff rule under this name too.
is_staff_account = is_staff


def kudos_pool(account: AccountDB) -> Pool:
    return Pool(
        KudosPointsData,
        {"account_id": account.pk},
        spent_field="total_claimed",
        insufficient_error=InsufficientKudosError,
    )


def award_kudos(
    account: AccountDB,
    amount: int,
    source_category: KudosSourceCategory,
    description: str = "",
    awarded_by: AccountDB | None = None,
    character: ObjectDB | None = None,
    *,
    awarded_by_character: ObjectDB | None = None,
    idempotency_key: str | None = None,
) -> AwardResult:
    """Give `account` kudos for a reason in `source_category`.

    `character`, when given, must be one of `account`'s characters (NotTheirCharacterError);
    `awarded_by_character` is the character the giver was playing, which the row shows;
    amounts above `MAX_KUDOS_AWARD` are refused (InvalidAmountError). Nothing changes on a refusal.
    """
    require_amount(amount, maximum=progression_settings.MAX_KUDOS_AWARD, what="A kudos award")
    if character is not None and not may_act_for(account, character):
        raise NotTheirCharacterError(f"{character} is not a character of {account}.")
    if not source_category.is_active:
        raise InactiveCategoryError(f"The kudos category '{source_category}' is not active.")
    if awarded_by is not None and awarded_by.pk == account.pk:
        raise SelfAwardError()
    if source_category.staff_only and awarded_by is not None and not is_staff_account(awarded_by):
        raise StaffOnlyCategoryError(f"Only staff can award kudos for '{source_category}'.")
    posting = post(
        kudos_pool(account),
        KudosTransaction,
        earned_delta=amount,
        spent_delta=0,
        ledger_fields={
            "account": account,
            "amount": amount,
            "source_category": source_category,
            "description": description,
            "awarded_by": awarded_by,
            "character": character,
            "awarded_by_character": awarded_by_character,
        },
        idempotency_key=idempotency_key,
    )
    return AwardResult(
        points_data=_balance_after(posting, account),
        transaction=posting.transaction,
    )


def claim_kudos(
    account: AccountDB,
    amount: int,
    claim_category: KudosClaimCategory,
    description: str = "",
    *,
    idempotency_key: str | None = None,
) -> ClaimResult:
    """Convert `amount` kudos into `claim_category`'s reward.

    An XP category credits account XP in the same transaction (`ClaimResult.xp_transaction`); a
    staff-delivered one opens a `KudosRewardRequest` (`claim_transaction.reward_request`) for
    staff to deliver. Raises InsufficientKudosError (with have/need) when short,
    InvalidAmountError for an amount that is not a whole number of units or is above
    `MAX_KUDOS_CLAIM`, or whose XP reward is above `MAX_XP_AWARD`; nothing changes then.
    """
    require_amount(amount, maximum=progression_settings.MAX_KUDOS_CLAIM, what="A kudos claim")
    if not claim_category.is_active:
        raise InactiveCategoryError(f"The claim category '{claim_category}' is not active.")
    cost = claim_category.kudos_cost
    if cost <= 0 or claim_category.reward_amount <= 0:
        raise InactiveCategoryError(f"The claim category '{claim_category}' has no rate set.")
    if amount % cost:
        lower, higher = amount - amount % cost, amount - amount % cost + cost
        nearest = f"{lower} or {higher}" if lower else str(higher)
        raise InvalidAmountError(
            f"'{claim_category}' is claimed in units of {cost} kudos: "
            f"claim {nearest}, not {amount}."
        )
    # The reward is the kudos times the category's rate: bounded as an award of its own (XP by
    # the XP maximum; a staff-delivered reward by what its request row can hold).
    reward = require_amount(
        claim_category.calculate_reward(amount),
        maximum=progression_settings.MAX_XP_AWARD if claim_category.gives_xp else BALANCE_LIMIT,
        what=f"What a claim of '{claim_category}' gives",
    )
    if not description:
        description = f"Claimed {reward} {claim_category}"
        if claim_category.delivered_by_staff:
            description += "; staff will deliver it"
    with transaction.atomic():
        posting = post(
            kudos_pool(account),
            KudosTransaction,
            earned_delta=0,
            spent_delta=amount,
            ledger_fields={
                "account": account,
                "amount": -amount,
                "claim_category": claim_category,
                "description": description,
            },
            idempotency_key=idempotency_key,
        )
        xp_transaction = None
        if posting.replayed:
            xp_transaction = getattr(posting.transaction, "xp_transaction", None)
        elif claim_category.gives_xp:
            xp_transaction = post_account_xp(
                account,
                reward,
                reason=ProgressionReason.KUDOS_CLAIM,
                description=f"Claimed from {amount} kudos",
                kudos_transaction=posting.transaction,
            ).transaction
        else:
            KudosRewardRequest.objects.create(
                account_id=account.pk,
                claim_transaction=posting.transaction,
                category=claim_category,
                reward_amount=reward,
            )
    return ClaimResult(
        points_data=_balance_after(posting, account),
        transaction=posting.transaction,
        reward_amount=claim_category.calculate_reward(-posting.transaction.amount),
        xp_transaction=xp_transaction,
    )


def _balance_after(posting: Posting, account: AccountDB) -> KudosPointsData:
    """The account's kudos balance as `posting` left it (read again only when it was replayed
    or the database could not return it)."""
    return posting.balance or KudosPointsData.objects.get(account_id=account.pk)


def deliver_kudos_reward(
    *, reward_request: KudosRewardRequest, staff: AccountDB, note: str = ""
) -> KudosRewardRequest:
    """Staff say they delivered `reward_request`'s reward; RewardRequestClosedError if it was
    already closed."""
    return _close(reward_request, staff, note, KudosRewardRequestStatus.DELIVERED)


def cancel_kudos_reward(
    *, reward_request: KudosRewardRequest, staff: AccountDB, note: str = ""
) -> KudosRewardRequest:
    """Staff close `reward_request` without delivering it. The kudos stay claimed (the ledger
    has no kudos refund); award them back with `award_kudos` if that is what is meant."""
    return _close(reward_request, staff, note, KudosRewardRequestStatus.CANCELLED)


def _close(
    reward_request: KudosRewardRequest, staff: AccountDB, note: str, status: str
) -> KudosRewardRequest:
    with transaction.atomic():
        # Locked: two staff closing the same request at once cannot both succeed.
        row = KudosRewardRequest.objects.select_for_update().get(pk=reward_request.pk)
        if row.status != KudosRewardRequestStatus.OPEN:
            raise RewardRequestClosedError(
                f"That request was already closed as {row.get_status_display().lower()}."
            )
        row.status = status
        row.closed_by = staff
        row.closed_at = timezone.now()
        row.staff_note = note
        row.save(update_fields=["status", "closed_by", "closed_at", "staff_note"])
    return row


__all__ = [
    "InsufficientKudosError",
    "award_kudos",
    "cancel_kudos_reward",
    "claim_kudos",
    "deliver_kudos_reward",
    "is_staff_account",
]
