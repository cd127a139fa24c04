"""django-filter sets for the history lists (reason or category, date range, character) and the
staff approval requests (status)."""

from __future__ import annotations

import django_filters
from django import forms

from ..models import (
    ApprovalStatus,
    CharacterXPTransaction,
    KudosTransaction,
    StaffApprovalRequest,
    XPTransaction,
)
from ..types import ProgressionReason


class IdFilter(django_filters.NumberFilter):
    """A database id: a whole number the database can hold (a decimal like 1.9e255 used to
    reach the query and fail there)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)


class _DateRangeFilterSet(django_filters.FilterSet):
    date_from = django_filters.DateFilter(
        field_name="transaction_date",
        lookup_expr="date__gte",
        label="On or after this date (YYYY-MM-DD).",
    )
    date_to = django_filters.DateFilter(
        field_name="transaction_date",
        lookup_expr="date__lte",
        label="On or before this date (YYYY-MM-DD).",
    )
    character = IdFilter(field_name="character_id", label="Character id.")


class XPTransactionFilter(_DateRangeFilterSet):
    reason = django_filters.ChoiceFilter(choices=ProgressionReason.choices)

    class Meta:
        model = XPTransaction
        fields = ["reason", "date_from", "date_to", "character"]


class CharacterXPTransactionFilter(_DateRangeFilterSet):
    reason = django_filters.ChoiceFilter(choices=ProgressionReason.choices)
    transferable = django_filters.BooleanFilter()

    class Meta:
        model = CharacterXPTransaction
        fields = ["reason", "transferable", "date_from", "date_to", "character"]


class KudosTransactionFilter(_DateRangeFilterSet):
    kind = django_filters.ChoiceFilter(
        choices=[("award", "Awards"), ("claim", "Claims")],
        method="filter_kind",
        label="Awards received or claims made.",
    )
    category = django_filters.CharFilter(
        method="filter_category", label="Source or claim category name."
    )

    class Meta:
        model = KudosTransaction
        fields = ["kind", "category", "date_from", "date_to", "character"]

    def filter_kind(self, queryset, name, value):
        return queryset.filter(source_category__isnull=(value == "claim"))

    def filter_category(self, queryset, name, value):
        return queryset.filter(source_category__name=value) | queryset.filter(
            claim_category__name=value
        )


class StaffApprovalRequestFilter(django_filters.FilterSet):
    # The status as it stands now (`selectors.approvals.staff_requests`): a pending request past
    # its time is found as expired.
    status = django_filters.ChoiceFilter(
        field_name="current_status",
        choices=ApprovalStatus.choices,
        label="Only requests with this status now (one past its time is expired).",
    )

    class Meta:
        model = StaffApprovalRequest
        fields = ["status"]
