"""Request and response shapes of the progression API."""

from __future__ import annotations

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from rest_framework import serializers

from ..conf import progression_settings
from ..models import ApprovalPool, ApprovalStatus, StaffAction
from ..selectors.api_reads import LARGEST_ID
from .ledger_rows import CharacterXPTransactionSerializer as CharacterXPTransactionSerializer
from .ledger_rows import ClaimCategorySerializer as ClaimCategorySerializer
from .ledger_rows import KudosTransactionSerializer as KudosTransactionSerializer
from .ledger_rows import PlainTextField as PlainTextField
from .ledger_rows import ReasonLabelField as ReasonLabelField
from .ledger_rows import XPTransactionSerializer as XPTransactionSerializer


class XPBalanceSerializer(serializers.Serializer):
    total_earned = serializers.IntegerField()
    total_spent = serializers.IntegerField()
    current_available = serializers.IntegerField()


class KudosBalanceSerializer(serializers.Serializer):
    total_earned = serializers.IntegerField()
    total_claimed = serializers.IntegerField()
    current_available = serializers.IntegerField()


class DashboardSerializer(serializers.Serializer):
    xp = XPBalanceSerializer()
    kudos = KudosBalanceSerializer()
    xp_transactions = XPTransactionSerializer(many=True)
    kudos_transactions = KudosTransactionSerializer(many=True)
    claim_categories = ClaimCategorySerializer(many=True)


class WeekEarningsSerializer(serializers.Serializer):
    week_start = serializers.DateField(help_text="The Monday the week starts on.")
    xp_earned = serializers.IntegerField()
    kudos_earned = serializers.IntegerField()


class WeeklyEarningsSerializer(serializers.Serializer):
    weeks = WeekEarningsSerializer(many=True)


class VersionSerializer(serializers.Serializer):
    version = serializers.CharField(
        help_text="Changes whenever a balance or history of yours changes; compare, don't parse."
    )


class ApprovalRequiredSerializer(serializers.Serializer):
    """A 202: the staff move is larger than its pool's threshold and waits for a second staff
    member (`approve <request>` in the game, /staff/approvals/<request>/approve/, or the
    admin's approval requests)."""

    code = serializers.CharField(help_text="`approval_required`.")
    detail = serializers.CharField()
    request = serializers.IntegerField(help_text="The approval request's number.")
    status = serializers.CharField(help_text="pending, approved, rejected or expired.")
    expires_at = serializers.DateTimeField()


class StaffApprovalRequestSerializer(serializers.Serializer):
    """A staff move kept for a second staff member, as it stands now: a request past its time
    reads `expired` even before anything marked it so."""

    id = serializers.IntegerField(help_text="The request's number (`approve <number>`).")
    action = serializers.ChoiceField(choices=StaffAction.choices, read_only=True)
    pool = serializers.ChoiceField(
        choices=ApprovalPool.choices,
        read_only=True,
        help_text="What the amount counts against (each pool has its own threshold).",
    )
    amount = serializers.IntegerField(help_text="Signed, as asked.")
    summary = PlainTextField(help_text="What was asked, in words.")
    arguments = serializers.DictField(
        help_text="The move's arguments as stored: rows by id, the rest as given."
    )
    requested_by = serializers.CharField(
        source="requested_by.username", allow_null=True, default=None
    )
    created_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField()
    status = serializers.ChoiceField(
        source="current_status", choices=ApprovalStatus.choices, read_only=True
    )
    decided_by = serializers.CharField(source="decided_by.username", allow_null=True, default=None)
    decided_at = serializers.DateTimeField(
        source="current_decided_at",
        allow_null=True,
        help_text="When it was approved or rejected; for an expired request, when it expired.",
    )
    decision_note = PlainTextField(help_text="A rejection's reason.")
    result_model = serializers.SerializerMethodField(
        help_text='What the approval posted: its ledger ("progression.XPTransaction"), or '
        '"progression.CharacterUnlock" for a refund; null until approved.'
    )
    result_id = serializers.IntegerField(allow_null=True)

    def get_result_model(self, request) -> str | None:
        if request.result_type_id is None:
            return None
        content_type = ContentType.objects.get_for_id(request.result_type_id)
        model = content_type.model_class()
        return model._meta.label if model else f"{content_type.app_label}.{content_type.model}"


class RejectApprovalRequestSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=1000, help_text="Kept on the request, and told to the staff member who asked."
    )


class ApproveApprovalRequestSerializer(serializers.Serializer):
    """Approving takes no body: the request says what posts."""


class ErrorSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Stable machine-readable error code.")
    detail = serializers.CharField(help_text="A message a player can read.")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Per-field messages, on 400 `invalid` only.",
    )
    need = serializers.IntegerField(required=False)
    have = serializers.IntegerField(required=False)
    failed = serializers.ListField(child=serializers.CharField(), required=False)


# --- Requests -------------------------------------------------------------------------------


class _StrictIntegerField(serializers.IntegerField):
    """Refuses booleans, floats and numeric strings with a fraction instead of truncating."""

    def to_internal_value(self, data):
        if isinstance(data, (bool, float)):
            self.fail("invalid")
        return super().to_internal_value(data)


class AmountField(_StrictIntegerField):
    """A whole amount from 1 to the configured maximum `PROGRESSION_<maximum>` (conf.py), read
    when the serializer is built and again when it validates, so a changed setting applies to
    the next request and the schema documents the maximum in force."""

    def __init__(self, *, maximum: str, **kwargs):
        self.maximum_setting = maximum
        super().__init__(min_value=1, **kwargs)
        self.max_value = self.maximum

    @property
    def maximum(self) -> int:
        return getattr(progression_settings, self.maximum_setting)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if value > self.maximum:
            self.fail("max_value", max_value=self.maximum)
        return value


class IdField(_StrictIntegerField):
    """A database id: a whole number from 1 to what a 64-bit key holds."""

    def __init__(self, **kwargs):
        super().__init__(min_value=1, max_value=LARGEST_ID, **kwargs)


class ClaimKudosRequestSerializer(serializers.Serializer):
    category = serializers.CharField(help_text="The claim category's `name`.")
    amount = AmountField(maximum="MAX_KUDOS_CLAIM", help_text="Kudos to spend.")
    description = serializers.CharField(required=False, allow_blank=True, max_length=1000)


class ClaimKudosResponseSerializer(serializers.Serializer):
    kudos = KudosBalanceSerializer()
    transaction = KudosTransactionSerializer()
    reward_amount = serializers.IntegerField()
    xp_transaction = XPTransactionSerializer(allow_null=True)


class AwardXPRequestSerializer(serializers.Serializer):
    account = serializers.CharField(help_text="Username of the account to award.")
    amount = AmountField(maximum="MAX_XP_AWARD")
    description = serializers.CharField(max_length=1000)


class AwardKudosRequestSerializer(serializers.Serializer):
    account = serializers.CharField(help_text="Username of the account to award.")
    category = serializers.CharField(help_text="The kudos source category's `name`.")
    amount = AmountField(
        maximum="MAX_KUDOS_AWARD",
        required=False,
        help_text="Defaults to the category's default amount.",
    )
    description = serializers.CharField(max_length=1000)
    character = IdField(
        required=False, help_text="Optional: the id of one of the awarded account's characters."
    )


class BuyUnlockRequestSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=[("class_level", "Class level"), ("trait_rating", "Trait rating")],
        help_text="Which kind of unlock `id` names.",
    )
    id = IdField(help_text="The ClassLevelUnlock or TraitRatingUnlock id.")


class GoalSerializer(serializers.Serializer):
    unlock = serializers.CharField()
    total_xp = serializers.IntegerField(help_text="What every step to it costs.")
    saved_xp = serializers.IntegerField(help_text="What could be spent on it now (at most total).")


class CharacterSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField(source="character.pk")
    name = PlainTextField(source="character.db_key")
    locked_xp = serializers.IntegerField(
        help_text="XP only this character can spend; spent before anything else."
    )
    transferable_xp = serializers.IntegerField(
        help_text="The character's XP that is spent after its locked XP, before account XP."
    )
    goal = GoalSerializer(
        allow_null=True, help_text="The unlock the character saves for (`plan/set`), or null."
    )
    paths = serializers.ListField(
        child=serializers.CharField(),
        help_text='The paths the character chose, in stage order, as "Name (Stage)"; the last '
        "is its current path.",
    )


class DevelopmentPointsSerializer(serializers.Serializer):
    trait_id = serializers.IntegerField()
    trait = serializers.CharField(source="trait.name")
    trait_type = serializers.CharField(source="trait.trait_type")
    category = serializers.CharField(source="trait.category")
    total_earned = serializers.IntegerField()
    banked_points = serializers.IntegerField(
        help_text="Earned but held behind a major threshold the character has not unlocked."
    )
    current_value = serializers.IntegerField(
        allow_null=True, help_text="The character's trait value now (1-100 scale)."
    )


class ShopEntrySerializer(serializers.Serializer):
    """One entry of `get_available_unlocks_for_character`: the unlock and what it takes."""

    type = serializers.CharField(help_text="`class_level` or `trait_rating`: the `kind` to buy it.")
    id = serializers.IntegerField(source="unlock.pk", help_text="The `id` to buy it.")
    name = serializers.CharField(source="unlock")
    xp_cost = serializers.IntegerField()
    requirements_met = serializers.BooleanField(required=False)
    failed_requirements = serializers.ListField(child=serializers.CharField(), required=False)


class ShopSerializer(serializers.Serializer):
    available = ShopEntrySerializer(many=True)
    locked = ShopEntrySerializer(many=True)
    already_unlocked = ShopEntrySerializer(many=True)


class CharacterShopSerializer(serializers.Serializer):
    """One of your characters, as in the character list, with its unlock shop."""

    id = serializers.IntegerField(source="character.pk")
    name = PlainTextField(source="character.db_key")
    locked_xp = serializers.IntegerField()
    transferable_xp = serializers.IntegerField()
    shop = ShopSerializer()


class CharacterUnlockSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    character_id = serializers.IntegerField()
    name = serializers.CharField(source="__str__")
    character_class = serializers.CharField(allow_null=True)
    target_level = serializers.IntegerField(allow_null=True)
    trait = serializers.CharField(allow_null=True)
    target_rating = serializers.IntegerField(allow_null=True)
    xp_spent = serializers.IntegerField()
    unlocked_date = serializers.DateTimeField()


# The report's dates leave room for its 12-week default and the day after `end`: year 1 and
# 9999-12-31 overflow date arithmetic.
REPORT_DATE_RANGE = [MinValueValidator(date(1900, 1, 1)), MaxValueValidator(date(9998, 12, 31))]


class ReportQuerySerializer(serializers.Serializer):
    start = serializers.DateField(
        required=False, validators=REPORT_DATE_RANGE, help_text="First day (default: 12 weeks ago)."
    )
    end = serializers.DateField(
        required=False, validators=REPORT_DATE_RANGE, help_text="Last day (default: today)."
    )

    def validate(self, attrs):
        from datetime import timedelta

        from django.utils import timezone

        attrs.setdefault("end", timezone.now().date())
        attrs.setdefault("start", attrs["end"] - timedelta(weeks=12))
        if attrs["start"] > attrs["end"]:
            raise serializers.ValidationError({"start": ["start must not be after end."]})
        return attrs


class _ReportWeekSerializer(serializers.Serializer):
    week_start = serializers.DateField()
    xp_issued = serializers.IntegerField()
    xp_spent = serializers.IntegerField()
    kudos_issued = serializers.IntegerField()
    kudos_claimed = serializers.IntegerField()


class _ReportReasonSerializer(serializers.Serializer):
    reason = serializers.CharField()
    label = serializers.CharField()
    amount = serializers.IntegerField()
    count = serializers.IntegerField()


class _ReportCategorySerializer(serializers.Serializer):
    category = serializers.CharField(allow_null=True)
    amount = serializers.IntegerField()
    count = serializers.IntegerField()


class _ReportEarnerSerializer(serializers.Serializer):
    account = serializers.CharField()
    amount = serializers.IntegerField()


class _ReportSingleSourceSerializer(serializers.Serializer):
    account = serializers.CharField()
    giver = serializers.CharField()
    from_giver = serializers.IntegerField()
    total = serializers.IntegerField()
    share = serializers.FloatField()


class EconomyReportSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    weeks = _ReportWeekSerializer(many=True)
    xp_by_reason = _ReportReasonSerializer(many=True)
    kudos_by_category = _ReportCategorySerializer(many=True)
    top_xp_earners = _ReportEarnerSerializer(many=True)
    top_kudos_earners = _ReportEarnerSerializer(many=True)
    single_source_kudos = _ReportSingleSourceSerializer(many=True)
