"""Kudos categories (staff-configured), balances, the kudos ledger, and the reward requests
staff deliver (closed through actions that call the services, never edited)."""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from ..models import (
    KudosClaimCategory,
    KudosPointsData,
    KudosRewardRequest,
    KudosSourceCategory,
    KudosTransaction,
)
from ..models.approvals import StaffAction
from ..services.kudos import cancel_kudos_reward, deliver_kudos_reward
from .base import (
    LedgerAdmin,
    ReadOnlyAdmin,
    correction_action,
    run_form_action,
    staff_account,
    staff_move,
    username,
)


def _correct_kudos(request, row, amount, reason_text) -> str:
    return staff_move(
        request,
        StaffAction.CORRECT_KUDOS,
        account=row.account,
        amount=amount,
        reason_text=reason_text,
        done=f"Corrected {row.account}'s kudos by {amount:+d}.",
    )


@admin.register(KudosSourceCategory)
class KudosSourceCategoryAdmin(admin.ModelAdmin):
    list_display = ["display_name", "name", "default_amount", "is_active", "staff_only"]
    list_filter = ["is_active", "staff_only"]
    search_fields = ["name", "display_name", "description"]
    prepopulated_fields = {"name": ["display_name"]}


@admin.register(KudosClaimCategory)
class KudosClaimCategoryAdmin(admin.ModelAdmin):
    list_display = [
        "display_name",
        "name",
        "reward_kind",
        "kudos_cost",
        "reward_amount",
        "is_active",
    ]
    list_filter = ["reward_kind", "is_active"]
    search_fields = ["name", "display_name", "description"]
    prepopulated_fields = {"name": ["display_name"]}
    radio_fields = {"reward_kind": admin.VERTICAL}

    def get_changeform_initial_data(self, request):
        # A new category starts with no kind ticked: staff say what it gives, rather than
        # inheriting the model's default (XP) by not looking.
        return {"reward_kind": None, **super().get_changeform_initial_data(request)}


@admin.register(KudosPointsData)
class KudosPointsDataAdmin(ReadOnlyAdmin):
    list_display = [
        "account",
        "total_earned",
        "total_claimed",
        "current_available",
        "transactions_link",
    ]
    list_select_related = ["account"]
    search_fields = ["account__username"]
    ordering = ["account__username"]
    actions = [
        correction_action(
            "correct_kudos_action",
            "Correct the selected kudos balances",
            title="Correct kudos",
            correct=_correct_kudos,
        )
    ]
    readonly_fields = [
        "account",
        "total_earned",
        "total_claimed",
        "created_date",
        "updated_date",
        "transactions_link",
    ]

    @admin.display(description="Available")
    def current_available(self, obj: KudosPointsData) -> int:
        return obj.current_available

    @admin.display(description="Transactions")
    def transactions_link(self, obj: KudosPointsData) -> str:
        url = reverse("admin:progression_kudostransaction_changelist")
        return format_html('<a href="{}?account__id__exact={}">View transactions</a>', url, obj.pk)


@admin.register(KudosTransaction)
class KudosTransactionAdmin(LedgerAdmin):
    list_display = [
        "transaction_date",
        username("account"),
        "amount",
        "category",
        "reason",
        username("awarded_by"),
        "character",
        "summary",
    ]
    list_select_related = [
        "account",
        "source_category",
        "claim_category",
        "awarded_by",
        "character",
    ]
    list_filter = ["source_category", "claim_category", "transaction_date"]
    search_fields = ["account__username", "awarded_by__username", "description"]

    @admin.display(description="Category")
    def category(self, row: KudosTransaction):
        """What an award was for, or what a claim bought: a row has one or the other (or
        neither, for a correction)."""
        return row.source_category or row.claim_category


class StaffNoteForm(forms.Form):
    note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Optional: what was delivered, or why it was cancelled. Kept on the request.",
    )


@admin.register(KudosRewardRequest)
class KudosRewardRequestAdmin(ReadOnlyAdmin):
    """Claims in staff-delivered categories: staff deliver the reward in the game, then close
    the request here with "Mark delivered" (or "Cancel")."""

    list_display = [
        "created_date",
        "account",
        "category",
        "reward_amount",
        "status",
        "closed_by",
        "closed_at",
    ]
    list_select_related = ["account", "category", "closed_by"]
    list_filter = ["status", "category"]
    search_fields = ["account__username", "category__display_name", "staff_note"]
    ordering = ["-created_date", "-id"]
    actions = ["deliver_action", "cancel_action"]

    @admin.action(description="Mark the selected requests delivered")
    def deliver_action(self, request, queryset):
        return self._close(request, queryset, deliver_kudos_reward, "Mark delivered", "delivered")

    @admin.action(description="Cancel the selected requests (the kudos stay claimed)")
    def cancel_action(self, request, queryset):
        return self._close(request, queryset, cancel_kudos_reward, "Cancel request", "cancelled")

    def _close(self, request, queryset, service, title: str, done: str):
        staff = staff_account(request)

        def apply(row, data):
            service(reward_request=row, staff=staff, note=data["note"])
            return f"{row.account}: {row.reward_amount} {row.category} {done}."

        return run_form_action(
            self,
            request,
            queryset.select_related("account", "category"),
            form_class=StaffNoteForm,
            title=title,
            apply=apply,
        )
