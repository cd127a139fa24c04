"""Staff approval requests: the large staff moves that wait for a second staff member. Read-only;
staff approve or reject them with actions that call the services."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

from ..exceptions import ProgressionError
from ..models import StaffApprovalRequest
from ..services.approvals import (
    approve_staff_request,
    expire_staff_requests,
    reject_staff_request,
)
from .base import ReadOnlyAdmin, run_form_action, staff_account


class RejectionForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept on the request, and told to the staff member who asked.",
    )


@admin.register(StaffApprovalRequest)
class StaffApprovalRequestAdmin(ReadOnlyAdmin):
    """A move waits here until another staff member approves it (it posts then) or rejects it;
    one not approved in time expires."""

    list_display = [
        "id",
        "created_at",
        "requested_by",
        "summary",
        "status",
        "expires_at",
        "decided_by",
        "decided_at",
    ]
    list_display_links = ["id", "summary"]
    list_select_related = ["requested_by", "decided_by"]
    list_filter = ["status", "action", "pool"]
    search_fields = ["summary", "requested_by__username", "decided_by__username"]
    ordering = ["-created_at", "-id"]
    fields = [
        "summary",
        "action",
        "pool",
        "amount",
        "arguments",
        "requested_by",
        "created_at",
        "expires_at",
        "status",
        "decided_by",
        "decided_at",
        "decision_note",
        "posted",
    ]
    readonly_fields = fields
    actions = ["approve_action", "reject_action"]

    # A request past its time reads as expired, not as waiting (one UPDATE), in the list and
    # on its own page.
    def changelist_view(self, request, extra_context=None):
        expire_staff_requests()
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        expire_staff_requests()
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description="Posted")
    def posted(self, obj: StaffApprovalRequest) -> str:
        """The ledger row (or refunded unlock) the approval posted, linked to its page."""
        if obj.result_type_id is None:
            return "-"
        row = obj.result
        try:
            url = reverse(
                f"admin:{obj.result_type.app_label}_{obj.result_type.model}_change",
                args=[obj.result_id],
            )
        except NoReverseMatch:
            return str(row)
        return format_html('<a href="{}">{}</a>', url, row)

    # Deciding goes through the services, so it needs no change permission (which this admin
    # withholds); being staff is checked by the services themselves.
    @admin.action(description="Approve the selected requests (they post now)")
    def approve_action(self, request, queryset):
        approver = staff_account(request)
        for row in queryset:
            try:
                approved = approve_staff_request(request_id=row.pk, approver=approver)
            except ProgressionError as error:
                self.message_user(request, f"Request #{row.pk}: {error}", messages.ERROR)
            else:
                self.message_user(
                    request, f"Approved request #{row.pk}: {approved.summary}", messages.SUCCESS
                )

    @admin.action(description="Reject the selected requests")
    def reject_action(self, request, queryset):
        staff = staff_account(request)

        def apply(row, data):
            reject_staff_request(request_id=row.pk, staff=staff, reason=data["reason"])
            return f"Rejected request #{row.pk}: {row.summary}"

        return run_form_action(
            self,
            request,
            queryset,
            form_class=RejectionForm,
            title="Reject requests",
            apply=apply,
        )


__all__ = ["StaffApprovalRequestAdmin"]
