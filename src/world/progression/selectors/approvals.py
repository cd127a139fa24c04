"""Staff approval requests: the ones still waiting for a second staff member, and every one as
it stands now (a request past its time reads as expired before anything marks it so)."""

from __future__ import annotations

from django.db.models import Case, CharField, F, Q, QuerySet, Value, When
from django.utils import timezone

from ..models.approvals import ApprovalStatus, StaffApprovalRequest


def past_their_time(now) -> Q:
    """Requests still marked pending whose time has passed at `now`: expired, whether or not
    `services.approvals.expire_staff_requests` has marked them yet."""
    return Q(status=ApprovalStatus.PENDING, expires_at__lte=now)


def waiting_staff_requests(*, now=None) -> QuerySet[StaffApprovalRequest]:
    """Requests that can still be approved (pending and not past their time), oldest first,
    with who asked."""
    return (
        StaffApprovalRequest.objects.filter(status=ApprovalStatus.PENDING)
        .exclude(past_their_time(now or timezone.now()))
        .select_related("requested_by")
        .order_by("created_at", "id")
    )


def staff_requests(*, now=None) -> QuerySet[StaffApprovalRequest]:
    """Every request, newest first, with who asked and who decided, each annotated as it
    stands at `now`: `current_status`, and `current_decided_at` (for an expired request, when
    it expired). A pending request past its time reads as expired here even before it is
    marked so (the `approve` list and the admin's list mark them; deciding one does too)."""
    due = past_their_time(now or timezone.now())
    return (
        StaffApprovalRequest.objects.select_related("requested_by", "decided_by")
        .annotate(
            current_status=Case(
                When(due, then=Value(ApprovalStatus.EXPIRED)),
                default=F("status"),
                output_field=CharField(),
            ),
            current_decided_at=Case(When(due, then=F("expires_at")), default=F("decided_at")),
        )
        .order_by("-created_at", "-id")
    )


__all__ = ["past_their_time", "staff_requests", "waiting_staff_requests"]
