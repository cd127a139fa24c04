"""Awarding and claiming kudos.

Claims take whole units only: a category at 10 kudos per unit refuses a claim of 15 with a
message naming 10 and 20, rather than silently keeping the remainder. Claiming in the category
named "xp" credits the account's XP in the same transaction.
"""

from __future__ import annotations

from django.db import transaction

from ..exceptions import (
    InactiveCategoryError,
    InsufficientKudosError,
    InvalidAmountError,
    SelfAwardError,
    StaffOnlyCategoryError,
)
from ..models import KudosClaimCategory, KudosPointsData, KudosSourceCategory, KudosTransaction
from ..permissions import is_staff
from ..types import AwardResult, ClaimResult, ProgressionReason
from .ledger import Pool, post
from .xp import post_account_xp, require_positive_amount

XP_CLAIM_CATEGORY = "xp"


# The specification's services expose the staff rule under this name too.
is_staff_account = is_staff


def kudos_pool(account) -> Pool:
    return Pool(
        KudosPointsData,
        {"account_id": account.pk},
        spent_field="total_claimed",
        insufficient_error=InsufficientKudosError,
    )


def award_kudos(
    account,
    amount: int,
    source_category: KudosSourceCategory,
    description: str = "",
    awarded_by=None,
    character=None,
    *,
    idempotency_key: str | None = None,
) -> AwardResult:
    """Give `account` kudos for a reason in `source_category`."""
    require_positive_amount(amount)
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
        },
        idempotency_key=idempotency_key,
    )
    return AwardResult(
        points_data=KudosPointsData.objects.get(account_id=account.pk),
        transaction=posting.transaction,
    )


def claim_kudos(
    account,
    amount: int,
    claim_category: KudosClaimCategory,
    description: str = "",
    *,
    idempotency_key: str | None = None,
) -> ClaimResult:
    """Convert `amount` kudos into `claim_category`'s reward.

    Raises InsufficientKudosError (with have/need) when short, InvalidAmountError for an amount
    that is not a whole number of units; nothing changes in either case.
    """
    require_positive_amount(amount)
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
    reward = claim_category.calculate_reward(amount)
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
                "description": description or f"Claimed {reward} {claim_category}",
            },
            idempotency_key=idempotency_key,
        )
        xp_transaction = None
        if claim_category.name == XP_CLAIM_CATEGORY:
            if posting.replayed:
                xp_transaction = getattr(posting.transaction, "xp_transaction", None)
            else:
                xp_transaction = post_account_xp(
                    account,
                    reward,
                    reason=ProgressionReason.KUDOS_CLAIM,
                    description=f"Claimed from {amount} kudos",
                    kudos_transaction=posting.transaction,
                ).transaction
    return ClaimResult(
        points_data=KudosPointsData.objects.get(account_id=account.pk),
        transaction=posting.transaction,
        reward_amount=claim_category.calculate_reward(-posting.transaction.amount),
        xp_transaction=xp_transaction,
    )


__all__ = ["InsufficientKudosError", "award_kudos", "claim_kudos", "is_staff_account"]
