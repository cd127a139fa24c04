"""Strict limit/offset paging shared by the dashboard and the history lists.

A bad `limit` or `offset` is a 400 that names the parameter, never a silent default; a limit
above the maximum is clamped to it.
"""

from __future__ import annotations

from rest_framework import serializers
from rest_framework.pagination import LimitOffsetPagination

from ..selectors.dashboard import DASHBOARD_DEFAULT_LIMIT, DASHBOARD_MAX_LIMIT

MAX_OFFSET = 2**62


class PageQuerySerializer(serializers.Serializer):
    limit = serializers.IntegerField(
        min_value=0,
        default=DASHBOARD_DEFAULT_LIMIT,
        help_text=f"Rows per list (default {DASHBOARD_DEFAULT_LIMIT}; above "
        f"{DASHBOARD_MAX_LIMIT} is clamped to {DASHBOARD_MAX_LIMIT}).",
    )
    # Bounded so that limit + offset always fits the database's 64-bit OFFSET/LIMIT.
    offset = serializers.IntegerField(
        min_value=0, max_value=MAX_OFFSET, default=0, help_text="Rows to skip."
    )

    def validate_limit(self, value: int) -> int:
        return min(value, DASHBOARD_MAX_LIMIT)


def parse_page(query_params) -> tuple[int, int]:
    """(limit, offset) from the query string; raises ValidationError naming the bad parameter."""
    data = {key: query_params[key] for key in ("limit", "offset") if key in query_params}
    page = PageQuerySerializer(data=data)
    page.is_valid(raise_exception=True)
    return page.validated_data["limit"], page.validated_data["offset"]


class StrictLimitOffsetPagination(LimitOffsetPagination):
    default_limit = DASHBOARD_DEFAULT_LIMIT
    max_limit = DASHBOARD_MAX_LIMIT

    def paginate_queryset(self, queryset, request, view=None):
        self.strict_limit, self.strict_offset = parse_page(request.query_params)
        return super().paginate_queryset(queryset, request, view)

    def get_limit(self, request):
        return self.strict_limit

    def get_offset(self, request):
        return self.strict_offset
