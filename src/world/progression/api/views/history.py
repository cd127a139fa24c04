"""The one complete history of your account and characters (selectors.history): paged and
filtered at /history/, and the whole of it at /account/export/ as CSV or JSON, streamed."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from django.http import StreamingHttpResponse
from rest_framework import mixins, renderers, serializers

from ...rules.history import describe
from ...selectors.history import account_history, history_row
from ...types import HistoryKind
from ..ledger_rows import PlainTextField, _shown
from ..pagination import StrictLimitOffsetPagination
from .base import BAD_REQUEST, UNAUTHENTICATED, ProgressionViewSet, extend_schema

# Rows read from the database at a time while streaming an export: memory stays this size.
EXPORT_CHUNK = 2_000
EXPORT_FIELDS = (
    "date",
    "ledger",
    "character",
    "character_id",
    "given_by",
    "amount",
    "reason",
    "description",
    "what",
)


class HistoryQuerySerializer(serializers.Serializer):
    kind = serializers.MultipleChoiceField(
        choices=HistoryKind.choices, required=False, help_text="Only these ledgers (repeatable)."
    )
    character = serializers.IntegerField(
        min_value=1, max_value=2**62, required=False, help_text="Only rows about this character."
    )


class HistoryRowSerializer(serializers.Serializer):
    date = serializers.DateTimeField()
    ledger = serializers.ChoiceField(choices=HistoryKind.choices)
    character = PlainTextField(allow_null=True, help_text="The character's name, if any.")
    character_id = serializers.IntegerField(allow_null=True)
    given_by = PlainTextField(
        allow_null=True, help_text="Kudos given by a player: the character they played."
    )
    amount = serializers.IntegerField(help_text="Points moved; a purchase: the XP it cost.")
    reason = serializers.CharField()
    description = PlainTextField()
    what = serializers.CharField(help_text="The change in one sentence, as the game says it.")

    def to_representation(self, row) -> dict:
        return export_row(row)


_DATE = serializers.DateTimeField()


def export_row(row: dict) -> dict:
    return {
        "date": _DATE.to_representation(row["date"]),
        "ledger": row["kind"],
        "character": _shown(row["character_name"]) or None,
        "character_id": row["character_id"],
        "given_by": _shown(row["from_name"]) or None,
        "amount": row["amount"],
        "reason": row["reason"],
        "description": _shown(row["description"]) or "",
        "what": describe(row),
    }


class CSVRenderer(renderers.BaseRenderer):
    """Names the `?format=csv` the export answers; the export streams its own body."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return json.dumps(data).encode() if data is not None else b""


class HistoryViewSet(mixins.ListModelMixin, ProgressionViewSet):
    """Everything that changed your numbers, newest first."""

    pagination_class = StrictLimitOffsetPagination
    serializer_class = HistoryRowSerializer

    def filtered(self):
        query = HistoryQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return account_history(
            self.account,
            kinds=query.validated_data.get("kind") or None,
            character_id=query.validated_data.get("character"),
        )

    @extend_schema(
        summary="Everything that changed your numbers, newest first: account XP, your "
        "characters' locked and transferable XP, kudos, development and purchases",
        parameters=[HistoryQuerySerializer],
        responses={200: HistoryRowSerializer(many=True), **BAD_REQUEST, **UNAUTHENTICATED},
    )
    def list(self, request):
        page = self.paginate_queryset(self.filtered())
        rows = [HistoryRowSerializer(history_row(values)).data for values in page]
        return self.get_paginated_response(rows)


class ExportViewSet(ProgressionViewSet):
    """The whole history at once, as a file."""

    renderer_classes = [renderers.JSONRenderer, CSVRenderer]

    @extend_schema(
        summary="Your whole history as CSV (?format=csv) or JSON (?format=json), streamed",
        responses={200: HistoryRowSerializer(many=True), **UNAUTHENTICATED},
    )
    def read(self, request, *args, **kwargs):
        rows = (
            history_row(values)
            for values in account_history(self.account).iterator(chunk_size=EXPORT_CHUNK)
        )
        as_csv = request.accepted_renderer.format == "csv"
        response = StreamingHttpResponse(
            _csv(rows) if as_csv else _json(rows),
            content_type="text/csv; charset=utf-8" if as_csv else "application/json",
        )
        name = "progression-history." + ("csv" if as_csv else "json")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        if isinstance(response, StreamingHttpResponse):
            return response
        # An error is JSON {code, detail} whichever format the export was asked in.
        request.accepted_renderer = renderers.JSONRenderer()
        request.accepted_media_type = request.accepted_renderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)


# A cell a spreadsheet would run as a formula, when a player wrote it: kept as text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _as_text(value):
    return f"'{value}" if isinstance(value, str) and value.startswith(_FORMULA_STARTS) else value


def _csv(rows) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, EXPORT_FIELDS)
    writer.writeheader()
    for row in rows:
        line = export_row(row)
        for name in ("character", "given_by", "description"):
            line[name] = _as_text(line[name])
        writer.writerow(line)
        if buffer.tell() > 64_000:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _json(rows) -> Iterator[str]:
    yield "["
    for index, row in enumerate(rows):
        yield ("," if index else "") + json.dumps(export_row(row))
    yield "]"


__all__ = ["ExportViewSet", "HistoryViewSet"]
