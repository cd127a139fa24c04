"""/staff/approvals/...: the staff moves larger than their pool's threshold, waiting for a second
staff member or decided, and approving or rejecting one through the services the `approve`
command and the admin call (they hold the two-person rule). Staff only."""

from __future__ import annotations

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions, mixins
from rest_framework.decorators import action
from rest_framework.response import Response

from ...selectors.api_reads import LARGEST_ID
from ...selectors.approvals import staff_requests
from ...services.approvals import approve_staff_request, reject_staff_request
from .. import serializers as s
from ..filters import StaffApprovalRequestFilter
from ..pagination import StrictLimitOffsetPagination
from .base import (
    BAD_REQUEST,
    IDEMPOTENCY_HEADER,
    NOT_FOUND,
    NOT_STAFF,
    UNAUTHENTICATED,
    StaffViewSet,
    error,
    extend_schema,
)

# A decision needs no key to be safe (the request's row lock decides it once); with one, a retry
# finds the decision it repeats instead of a 409.
DECISION_RETRY_PARAMETER = OpenApiParameter(
    IDEMPOTENCY_HEADER,
    str,
    OpenApiParameter.HEADER,
    description="Optional: marks a retry. A request you already decided the same way is "
    "answered again (200, as it stands) instead of a 409 `approval_request_closed`. "
    "Up to 100 characters of A-Z a-z 0-9 - _ . :",
)
DECIDED = {
    409: error(
        "Already approved, rejected or expired (`approval_request_closed`), or expired just now "
        "(`approval_request_expired`, and marked so)."
    ),
}


class StaffApprovalRequestViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, StaffViewSet):
    """Staff only: the two-person approval requests, and deciding them."""

    serializer_class = s.StaffApprovalRequestSerializer
    pagination_class = StrictLimitOffsetPagination
    filter_backends = [DjangoFilterBackend]
    filterset_class = StaffApprovalRequestFilter
    lookup_url_kwarg = "request_id"
    lookup_value_converter = "int"

    def get_queryset(self):
        return staff_requests()

    def request_number(self) -> int:
        """The request number in the path: 404 beyond what the database can hold."""
        request_id = int(self.kwargs[self.lookup_url_kwarg])
        if not 0 < request_id <= LARGEST_ID:
            raise exceptions.NotFound()
        return request_id

    def answer(self, request_id: int) -> Response:
        """The request as it stands now."""
        return Response(s.StaffApprovalRequestSerializer(staff_requests().get(pk=request_id)).data)

    @extend_schema(
        summary="Staff: approval requests (the large staff moves), newest first",
        responses={
            200: s.StaffApprovalRequestSerializer(many=True),
            **BAD_REQUEST,
            **UNAUTHENTICATED,
            **NOT_STAFF,
        },
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary="Staff: one approval request",
        responses={
            200: s.StaffApprovalRequestSerializer,
            **UNAUTHENTICATED,
            **NOT_STAFF,
            **NOT_FOUND,
        },
    )
    def retrieve(self, request, *args, **kwargs):
        self.request_number()
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(
        summary="Staff: approve a request (its move posts now)",
        description="The approver must be someone else than the staff member who asked: not "
        "them, not their alt, not the player the move pays.",
        request=None,
        parameters=[DECISION_RETRY_PARAMETER],
        responses={
            200: s.StaffApprovalRequestSerializer,
            400: error("A bad Idempotency-Key (`invalid`), or a row the request names is gone."),
            **UNAUTHENTICATED,
            403: error(
                "Not staff; your own request or your alt's, or one that pays you (`same_staff`); "
                "an account without an email (`unknown_player`)."
            ),
            **NOT_FOUND,
            **DECIDED,
            422: error(
                "The move's own service refuses it now (a balance too low, say); it still waits."
            ),
        },
    )
    @action(detail=True, methods=["post"], serializer_class=s.ApproveApprovalRequestSerializer)
    def approve(self, request, **kwargs):
        request_id = self.request_number()
        retry = self.idempotency_key("approve") is not None
        approve_staff_request(request_id=request_id, approver=self.account, retry=retry)
        return self.answer(request_id)

    @extend_schema(
        summary="Staff: reject a request, with a reason (the one who asked may withdraw theirs)",
        request=s.RejectApprovalRequestSerializer,
        parameters=[DECISION_RETRY_PARAMETER],
        responses={
            200: s.StaffApprovalRequestSerializer,
            **BAD_REQUEST,
            **UNAUTHENTICATED,
            **NOT_STAFF,
            **NOT_FOUND,
            **DECIDED,
        },
    )
    @action(detail=True, methods=["post"], serializer_class=s.RejectApprovalRequestSerializer)
    def reject(self, request, **kwargs):
        request_id = self.request_number()
        retry = self.idempotency_key("reject") is not None
        body = self.validated(request.data)
        reject_staff_request(
            request_id=request_id, staff=self.account, reason=body["reason"], retry=retry
        )
        return self.answer(request_id)
