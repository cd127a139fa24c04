"""Two-person approval of large staff moves: every staff award, correction and refund goes
through `request_staff_action`, which posts it at once when it is within its pool's threshold
and otherwise keeps it as a request that a second staff member approves (posting it then, once),
rejects, or lets expire.

The second staff member must be someone else: not the requester, not the requester's player by
the alt rule (`selectors.players.same_player`), not the player whose numbers it moves, and known
to the alt rule at all (an account without an email could be anyone's alt).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone

from ..conf import progression_settings
from ..exceptions import (
    ApprovalRequestClosedError,
    ApprovalRequestExpiredError,
    IdempotencyConflictError,
    NotStaffError,
    ProgressionError,
    SameStaffError,
    UnknownApprovalRequestError,
    UnknownPlayerError,
)
from ..models.approvals import (
    ApprovalStatus,
    StaffAction,
    StaffApprovalRequest,
    staff_request_decided,
)
from ..permissions import is_staff
from ..rules.approvals import needs_second_staff
from ..selectors.accounts import owner_of
from ..selectors.approvals import past_their_time
from ..selectors.players import player_identity, same_player
from .approval_actions import STAFF_ACTIONS, ActionSpec

SUMMARY_LENGTH = StaffApprovalRequest._meta.get_field("summary").max_length


@dataclass(frozen=True)
class StaffMove:
    """What `request_staff_action` did: posted at once (`result`: the ledger row, or the
    refunded unlock), or left `request` waiting for a second staff member."""

    result: models.Model | None = None
    request: StaffApprovalRequest | None = None


def approval_threshold(pool: str) -> int | None:
    """The most one staff member may move in `pool` alone; None when there is no limit."""
    return progression_settings.APPROVAL_THRESHOLDS.get(pool)


def request_staff_action(
    *,
    action: str,
    requested_by,
    named: str | None = None,
    idempotency_key: str | None = None,
    **arguments: Any,
) -> StaffMove:
    """Do the staff move `action` with `arguments` (the keyword arguments of its entry in
    `approval_actions.STAFF_ACTIONS`: rows as objects), or keep it for a second staff member
    when its amount is above its pool's threshold. `named` is how the request names whom it
    is for (the name the requester used); `idempotency_key` makes a retry find the same
    request (or, within the threshold, the same ledger row)."""
    if not is_staff(requested_by):
        raise NotStaffError()
    spec = STAFF_ACTIONS[StaffAction(action)]
    if idempotency_key is not None:
        arguments["idempotency_key"] = idempotency_key
    amount = spec.amount(arguments)
    if not needs_second_staff(amount, approval_threshold(spec.pool)):
        return StaffMove(result=spec.run(gm=requested_by, **arguments))
    stored = _stored(spec, arguments)
    if idempotency_key is not None and (
        earlier := StaffApprovalRequest.objects.filter(idempotency_key=idempotency_key).first()
    ):
        return _retried(earlier, action, stored)
    _refuse_now_if_it_could_not_post(spec, requested_by, arguments)
    now = timezone.now()
    summary = spec.words(named or _subject_name(arguments), **arguments)
    try:
        with transaction.atomic():
            request = StaffApprovalRequest.objects.create(
                action=action,
                arguments=stored,
                pool=spec.pool,
                amount=amount,
                summary=summary[:SUMMARY_LENGTH],
                requested_by=requested_by,
                created_at=now,
                expires_at=now + timedelta(hours=progression_settings.APPROVAL_HOURS),
                idempotency_key=idempotency_key,
            )
    except IntegrityError:
        if idempotency_key is None:
            raise
        # The same API request, retried while the first was being stored.
        earlier = StaffApprovalRequest.objects.get(idempotency_key=idempotency_key)
        return _retried(earlier, action, stored)
    return StaffMove(request=request)


def approve_staff_request(
    *, request_id: int, approver, retry: bool = False
) -> StaffApprovalRequest:
    """Approve a waiting request and post its move, in one transaction that holds the request's
    row lock: two approvals at once post it once (the second finds it decided). A refusal by
    the move's own service (a balance too low by now) leaves the request waiting. With `retry`
    (a client repeating a call whose answer it lost: the API's Idempotency-Key), a request this
    approver already approved is answered as it stands instead of refused as decided."""
    _require_staff(approver)
    with transaction.atomic():
        request = _locked(request_id)
        if retry and _decided_alike(request, ApprovalStatus.APPROVED, by=approver):
            return request
        expired = _expire_if_due(request)
        if not expired:
            spec = STAFF_ACTIONS[request.action]
            arguments = _loaded(spec, request.arguments)
            _require_someone_else(request, approver, beneficiary=_beneficiary(arguments))
            result = spec.run(gm=request.requested_by, **arguments)
            request.result_type = ContentType.objects.get_for_model(result)
            request.result_id = result.pk
            _decide(request, ApprovalStatus.APPROVED, by=approver)
    if expired:
        raise ApprovalRequestExpiredError(f"Request #{request_id} has expired; ask again.")
    return request


def reject_staff_request(
    *, request_id: int, staff, reason: str, retry: bool = False
) -> StaffApprovalRequest:
    """Turn a waiting request down, with a reason kept on it; the staff member who asked may
    withdraw their own this way. Nothing moves. With `retry`, a request this staff member
    already rejected is answered as it stands (with the first reason)."""
    _require_staff(staff)
    reason = (reason or "").strip()
    if not reason:
        raise ProgressionError("A rejection needs a reason, kept on the request.")
    with transaction.atomic():
        request = _locked(request_id)
        if retry and _decided_alike(request, ApprovalStatus.REJECTED, by=staff):
            return request
        expired = _expire_if_due(request)
        if not expired:
            _decide(request, ApprovalStatus.REJECTED, by=staff, note=reason)
    if expired:
        raise ApprovalRequestExpiredError(f"Request #{request_id} has already expired.")
    return request


def expire_staff_requests(*, now=None, request_ids: list[int] | None = None) -> int:
    """Mark every waiting request (of `request_ids`, if given) whose time has passed as expired
    (when it expired, not when this noticed); returns how many. Approving or rejecting one
    notices it too."""
    due = StaffApprovalRequest.objects.filter(past_their_time(now or timezone.now()))
    if request_ids is not None:
        due = due.filter(pk__in=request_ids)
    return due.update(status=ApprovalStatus.EXPIRED, decided_at=F("expires_at"))


# --- Helpers -----------------------------------------------------------------------------------


class _TrialRun(Exception):
    """Rolls a trial of a move back (`_refuse_now_if_it_could_not_post`)."""


def _refuse_now_if_it_could_not_post(spec: ActionSpec, gm, arguments: Mapping[str, Any]) -> None:
    """Run the move and roll it back: a move its own service would refuse now (a balance too
    low for a negative correction, an unlock already refunded, a missing reason) is refused at
    once with the service's own words, instead of waiting for a second staff member to find
    out. The services only write rows, and the notices they arrange wait for a commit that
    never comes, so the rollback leaves nothing behind."""
    try:
        with transaction.atomic():
            spec.run(gm=gm, **arguments)
            raise _TrialRun
    except _TrialRun:
        pass


def _require_staff(account) -> None:
    if not is_staff(account):
        raise NotStaffError("Only staff can approve or reject requests.")


def _locked(request_id: int) -> StaffApprovalRequest:
    try:
        return (
            StaffApprovalRequest.objects.select_for_update(no_key=True, of=("self",))
            .select_related("requested_by")
            .get(pk=request_id)
        )
    except StaffApprovalRequest.DoesNotExist:
        raise UnknownApprovalRequestError(f"There is no request #{request_id}.") from None


def _expire_if_due(request: StaffApprovalRequest) -> bool:
    """Raise if `request` was already decided; mark it expired (True) if its time has passed."""
    if request.status != ApprovalStatus.PENDING:
        raise ApprovalRequestClosedError(
            f"Request #{request.pk} was already {request.get_status_display().lower()}."
        )
    # The rule of when a request's time has passed is `past_their_time`'s alone.
    if not expire_staff_requests(request_ids=[request.pk]):
        return False
    request.refresh_from_db(fields=["status", "decided_at"])
    return True


def _decided_alike(request: StaffApprovalRequest, status: str, *, by) -> bool:
    return request.status == status and request.decided_by_id == by.pk


def _require_someone_else(request: StaffApprovalRequest, approver, *, beneficiary) -> None:
    """The approver is a second person: not the requester or their alt, not the player the move
    is for, and an account the alt rule can tell apart at all."""
    requester = request.requested_by
    if requester is not None:
        if approver.pk == requester.pk:
            raise SameStaffError()
        if same_player(approver, requester):
            raise SameStaffError(
                f"Your account and {requester.key}'s are one player by the alt rule; "
                "another staff member must approve it."
            )
    for account in (approver, requester):
        if account is not None and player_identity(account) is None:
            who = "Your account has" if account is approver else f"{account.key}'s account has"
            raise UnknownPlayerError(
                f"{who} no email, so the game cannot tell it from an alt: set one with "
                "'email/set' or confirm it with 'email/own'."
            )
    if beneficiary is not None and same_player(approver, beneficiary):
        raise SameStaffError(
            "That request moves your own numbers; another staff member must approve it."
        )


def _decide(request: StaffApprovalRequest, status: str, *, by, note: str = "") -> None:
    request.status = status
    request.decided_by = by
    request.decided_at = timezone.now()
    request.decision_note = note
    request.save(
        update_fields=[
            "status",
            "decided_by",
            "decided_at",
            "decision_note",
            "result_type",
            "result_id",
        ]
    )
    transaction.on_commit(
        lambda: staff_request_decided.send(sender=StaffApprovalRequest, request=request)
    )


def _stored(spec: ActionSpec, arguments: Mapping[str, Any]) -> dict[str, Any]:
    """`arguments` as JSON: rows by id, the rest as given (whole numbers, text, true/false)."""
    stored = {}
    for name, value in arguments.items():
        if name in spec.rows:
            stored[name] = None if value is None else value.pk
        elif value is None or isinstance(value, bool | int | str):
            stored[name] = value
        else:
            raise TypeError(f"{name}={value!r} cannot wait in a request; pass a row or a value.")
    return stored


def _loaded(spec: ActionSpec, stored: Mapping[str, Any]) -> dict[str, Any]:
    """The arguments a request keeps, with their rows read back."""
    loaded = dict(stored)
    for name, model in spec.rows.items():
        if loaded.get(name) is not None:
            try:
                loaded[name] = model.objects.get(pk=loaded[name])
            except model.DoesNotExist:
                raise ProgressionError(
                    f"The {name.replace('_', ' ')} this request names no longer exists; reject it."
                ) from None
    return loaded


def _subject_name(arguments: Mapping[str, Any]) -> str:
    if (account := arguments.get("account")) is not None:
        return account.key
    if (character := arguments.get("character")) is not None:
        return character.key
    return arguments["unlock"].character.key


def _beneficiary(arguments: Mapping[str, Any]):
    """The account whose numbers the move changes."""
    if (account := arguments.get("account")) is not None:
        return account
    character = arguments.get("character") or arguments["unlock"].character
    return owner_of(character)


def _retried(earlier: StaffApprovalRequest, action: str, stored: Mapping[str, Any]) -> StaffMove:
    """The answer to a retry of the request `earlier`: what it posted once approved, else the
    request as it stands."""
    if earlier.action != action or earlier.arguments != stored:
        raise IdempotencyConflictError()
    if expire_staff_requests(request_ids=[earlier.pk]):
        earlier.refresh_from_db()
    if earlier.status == ApprovalStatus.APPROVED:
        return StaffMove(result=earlier.result)
    return StaffMove(request=earlier)


__all__ = [
    "StaffMove",
    "approval_threshold",
    "approve_staff_request",
    "expire_staff_requests",
    "reject_staff_request",
    "request_staff_action",
]
