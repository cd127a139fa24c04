"""Staff approval requests still waiting for a second staff member."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from ..models.approvals import ApprovalStatus, StaffApprovalRequest


def waiting_staff_requests(*, now=None) -> QuerySet[StaffApprovalRequest]:
    """Requests that can still be approved (pending and not past their time), oldest first,
    with who asked."""
    return (
        StaffApprovalRequest.objects.filter(
            status=ApprovalStatus.PENDING, expires_at__gt=now or timezone.now()
        )
        .select_related("requested_by")
        .order_by("created_at", "id")
    )


__all__ = ["waiting_staff_requests"]
