"""Kudos categories (staff-configured), balances and the kudos ledger."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from ..models import KudosClaimCategory, KudosPointsData, KudosSourceCategory, KudosTransaction
from .base import ReadOnlyAdmin


@admin.register(KudosSourceCategory)
class KudosSourceCategoryAdmin(admin.ModelAdmin):
    list_display = ["display_name", "name", "default_amount", "is_active", "staff_only"]
    list_filter = ["is_active", "staff_only"]
    search_fields = ["name", "display_name", "description"]
    prepopulated_fields = {"name": ["display_name"]}


@admin.register(KudosClaimCategory)
class KudosClaimCategoryAdmin(admin.ModelAdmin):
    list_display = ["display_name", "name", "kudos_cost", "reward_amount", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "display_name", "description"]
    prepopulated_fields = {"name": ["display_name"]}


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
class KudosTransactionAdmin(ReadOnlyAdmin):
    list_display = [
        "transaction_date",
        "account",
        "amount",
        "source_category",
        "claim_category",
        "awarded_by",
        "character",
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
    ordering = ["-transaction_date", "-id"]
