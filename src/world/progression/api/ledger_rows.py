"""Response shapes of ledger rows (the dashboard's and the histories' bulk) and the text fields
they share with the other response shapes."""

from __future__ import annotations

from rest_framework import serializers

from ..conf import progression_settings
from ..models import (
    CharacterXPTransaction,
    KudosClaimCategory,
    KudosTransaction,
    XPTransaction,
)
from ..rules.text import plain_text
from ..types import ProgressionReason

# Descriptions are plain text; JSON carries them as strings and clients must not render HTML.


class PlainTextField(serializers.CharField):
    """Text one player wrote, shown to another: `plain_text`, cut to MAX_SHOWN_TEXT. The stored
    text stays as written (staff see it in the admin)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value) -> str:
        return _shown(value)


class ReasonLabelField(serializers.CharField):
    """A ledger row's reason as players read it ("Scene award"). Read from the `reason` column
    rather than through the model's `get_reason_display` method: DRF inspects the signature of
    a method source on every row, which was a third of a dashboard's time."""

    labels = dict(ProgressionReason.choices)

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(source="reason", **kwargs)

    def to_representation(self, value) -> str:
        return str(self.labels.get(value, value))


# The ledger rows below are the dashboard's and the histories' bulk (up to 200 + 200 rows a
# call). Each writes its row by hand in `to_representation`: DRF's field-by-field walk cost more
# than the queries. The declared fields stay the schema; a test holds the two to the same keys.
_DATETIME = serializers.DateTimeField()


def _shown(text) -> str | None:
    """`PlainTextField`'s output for an optional text (None stays None, as DRF leaves it)."""
    if text is None:
        return None
    return plain_text(text, max_length=progression_settings.MAX_SHOWN_TEXT)


def _character_name(row) -> str | None:
    """Rows read by the history selectors carry the name as a column; a row just written (a
    staff award's answer) reads it from its character."""
    if row.character_id is None:
        return None
    return _shown(row.character_name if hasattr(row, "character_name") else row.character.db_key)


# What an account and a character XP row show alike, first and in this order (`_xp_row`).
_XP_ROW_FIELDS = ["id", "amount", "reason", "reason_display", "description"]


def _xp_row(row) -> dict:
    """The `_XP_ROW_FIELDS` of an account or character XP row."""
    return {
        "id": row.id,
        "amount": row.amount,
        "reason": row.reason,
        "reason_display": str(ReasonLabelField.labels.get(row.reason, row.reason)),
        "description": row.description,
    }


def _giver_name(row: KudosTransaction) -> str | None:
    if row.awarded_by_id is None:
        return None
    return _shown(
        row.awarded_by_name if hasattr(row, "awarded_by_name") else row.awarded_by.username
    )


class XPTransactionSerializer(serializers.ModelSerializer):
    reason_display = ReasonLabelField()
    character_id = serializers.IntegerField(allow_null=True)
    character_name = PlainTextField(source="character.db_key", allow_null=True)

    class Meta:
        model = XPTransaction
        fields = [*_XP_ROW_FIELDS, "character_id", "character_name", "transaction_date"]

    def to_representation(self, row: XPTransaction) -> dict:
        return {
            **_xp_row(row),
            "character_id": row.character_id,
            "character_name": _character_name(row),
            "transaction_date": _DATETIME.to_representation(row.transaction_date),
        }


class CharacterXPTransactionSerializer(serializers.ModelSerializer):
    reason_display = ReasonLabelField()
    character_id = serializers.IntegerField()
    character_name = PlainTextField(source="character.db_key")

    class Meta:
        model = CharacterXPTransaction
        fields = [
            *_XP_ROW_FIELDS,
            "transferable",
            "character_id",
            "character_name",
            "transaction_date",
        ]

    def to_representation(self, row: CharacterXPTransaction) -> dict:
        return {
            **_xp_row(row),
            "transferable": row.transferable,
            "character_id": row.character_id,
            "character_name": _character_name(row),
            "transaction_date": _DATETIME.to_representation(row.transaction_date),
        }


class KudosTransactionSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=["award", "claim"], read_only=True)
    category = serializers.CharField(read_only=True, help_text="The category's `name`.")
    category_display = serializers.CharField(read_only=True)
    description = PlainTextField(help_text="Why, as the giver wrote it, in plain text.")
    awarded_by = PlainTextField(source="awarded_by.username", allow_null=True)
    character_name = PlainTextField(source="character.db_key", allow_null=True)

    class Meta:
        model = KudosTransaction
        fields = [
            "id",
            "amount",
            "kind",
            "category",
            "category_display",
            "description",
            "awarded_by",
            "character_name",
            "transaction_date",
        ]

    def to_representation(self, row: KudosTransaction) -> dict:
        category = row.source_category if row.source_category_id else row.claim_category
        return {
            "id": row.id,
            "amount": row.amount,
            "kind": "award" if row.source_category_id else "claim",
            "category": category.name,
            "category_display": category.display_name,
            "description": _shown(row.description),
            "awarded_by": _giver_name(row),
            "character_name": _character_name(row),
            "transaction_date": _DATETIME.to_representation(row.transaction_date),
        }


class ClaimCategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = KudosClaimCategory
        fields = ["name", "display_name", "description", "kudos_cost", "reward_amount"]
