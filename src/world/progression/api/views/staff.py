"""/staff/...: awards of XP and kudos, and the economy report; staff only. An award larger than
its pool's threshold is answered 202 with the approval request it waits in."""

from __future__ import annotations

from django.utils import timezone
from evennia.accounts.models import AccountDB
from rest_framework import exceptions, status
from rest_framework.decorators import action
from rest_framework.response import Response

from ...models import KudosSourceCategory, StaffAction
from ...models.approvals import ApprovalStatus
from ...rules.approvals import hours_left, waiting_text
from ...selectors import may_act_for
from ...selectors.api_reads import character_by_id
from ...selectors.reports import economy_report
from ...services.approvals import StaffMove, request_staff_action
from .. import serializers as s
from .base import (
    BAD_REQUEST,
    IDEMPOTENCY_PARAMETER,
    NOT_STAFF,
    UNAUTHENTICATED,
    StaffViewSet,
    error,
    extend_schema,
    get_or_404,
)


def _account_or_404(username: str):
    return get_or_404(AccountDB.objects, username__iexact=username.strip())


WAITS = {202: s.ApprovalRequiredSerializer}


def _answer(move: StaffMove, serializer_class) -> Response:
    """201 with the posted row, or 202 with the request the award waits in."""
    if move.request is None:
        return Response(serializer_class(move.result).data, status=status.HTTP_201_CREATED)
    request = move.request
    if request.status == ApprovalStatus.PENDING:
        detail = waiting_text(request.pk, hours_left(request.expires_at, timezone.now()))
    else:
        detail = f"Request #{request.pk} was {request.get_status_display().lower()}."
    body = {
        "code": "approval_required",
        "detail": detail,
        "request": request.pk,
        "status": request.status,
        "expires_at": request.expires_at,
    }
    return Response(s.ApprovalRequiredSerializer(body).data, status=status.HTTP_202_ACCEPTED)


class StaffActionsViewSet(StaffViewSet):
    """Staff only: award XP and kudos to an account, read the economy report."""

    @extend_schema(
        summary="Staff: award account XP",
        request=s.AwardXPRequestSerializer,
        parameters=[IDEMPOTENCY_PARAMETER],
        responses={
            201: s.XPTransactionSerializer,
            **WAITS,
            **BAD_REQUEST,
            **UNAUTHENTICATED,
            **NOT_STAFF,
            404: error("Unknown account (`not_found`)."),
            409: error("Idempotency key reused for a different award (`idempotency_conflict`)."),
        },
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="award-xp",
        serializer_class=s.AwardXPRequestSerializer,
    )
    def award_xp(self, request):
        key = self.idempotency_key("award-xp")
        body = self.validated(request.data)
        account = _account_or_404(body["account"])
        move = request_staff_action(
            action=StaffAction.AWARD_ACCOUNT_XP,
            requested_by=self.account,
            account=account,
            amount=body["amount"],
            description=body["description"],
            idempotency_key=key,
        )
        return _answer(move, s.XPTransactionSerializer)

    @extend_schema(
        summary="Staff: award kudos",
        request=s.AwardKudosRequestSerializer,
        parameters=[IDEMPOTENCY_PARAMETER],
        responses={
            201: s.KudosTransactionSerializer,
            **WAITS,
            400: error(
                "Bad input (`invalid`, with `fields`), including a `character` that is not one "
                "of the awarded account's characters."
            ),
            **UNAUTHENTICATED,
            403: error("Not staff, or awarding yourself (`self_award`)."),
            404: error("Unknown account or category (`not_found`)."),
            409: error("Idempotency key reused for a different award (`idempotency_conflict`)."),
        },
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="award-kudos",
        serializer_class=s.AwardKudosRequestSerializer,
    )
    def award_kudos(self, request):
        key = self.idempotency_key("award-kudos")
        body = self.validated(request.data)
        account = _account_or_404(body["account"])
        category = get_or_404(KudosSourceCategory.objects, name=body["category"])
        character = None
        if "character" in body:
            character = character_by_id(body["character"])
            if not may_act_for(account, character):
                raise exceptions.ValidationError(
                    {"character": [f"That is not one of {account.username}'s characters."]}
                )
        move = request_staff_action(
            action=StaffAction.AWARD_KUDOS,
            requested_by=self.account,
            account=account,
            amount=body.get("amount", category.default_amount),
            source_category=category,
            description=body["description"],
            character=character,
            idempotency_key=key,
        )
        return _answer(move, s.KudosTransactionSerializer)

    @extend_schema(
        summary="Staff: the economy report (issued/spent per week and reason, top earners, "
        "possible vote trading)",
        parameters=[s.ReportQuerySerializer],
        responses={200: s.EconomyReportSerializer, **BAD_REQUEST, **UNAUTHENTICATED, **NOT_STAFF},
    )
    @action(detail=False)
    def report(self, request):
        query = self.validated(request.query_params, s.ReportQuerySerializer)
        return Response(s.EconomyReportSerializer(economy_report(**query)).data)
