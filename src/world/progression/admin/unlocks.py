"""XP cost charts, what XP unlocks, and the unlocks characters have bought (refund-only)."""

from django.contrib import admin
from django.urls import path

from ..models import (
    CharacterUnlock,
    ClassLevelUnlock,
    ClassXPCost,
    StaffAction,
    TraitRatingUnlock,
    TraitXPCost,
    XPCostChart,
    XPCostEntry,
)
from ..selectors.costs import CostTable
from .base import LedgerAdmin, ReasonForm, run_form_action, staff_move, username
from .requirements import REQUIREMENT_INLINES
from .simulation import simulation_view


class XPCostEntryInline(admin.TabularInline):
    model = XPCostEntry
    extra = 1


@admin.register(XPCostChart)
class XPCostChartAdmin(admin.ModelAdmin):
    list_display = ["name", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "description"]
    inlines = [XPCostEntryInline]
    change_list_template = "admin/progression/xpcostchart/change_list.html"

    def get_urls(self):
        simulate = self.admin_site.admin_view(lambda request: simulation_view(self, request))
        return [path("simulate/", simulate, name="progression_simulate"), *super().get_urls()]


@admin.register(XPCostEntry)
class XPCostEntryAdmin(admin.ModelAdmin):
    list_display = ["chart", "level", "xp_cost"]
    list_select_related = ["chart"]
    list_filter = ["chart"]


@admin.register(ClassXPCost)
class ClassXPCostAdmin(admin.ModelAdmin):
    list_display = ["character_class", "cost_chart", "cost_modifier"]
    list_select_related = ["character_class", "cost_chart"]
    list_filter = ["cost_chart"]
    search_fields = ["character_class__name"]


@admin.register(TraitXPCost)
class TraitXPCostAdmin(admin.ModelAdmin):
    list_display = ["trait", "cost_chart", "cost_modifier"]
    list_select_related = ["trait", "cost_chart"]
    list_filter = ["cost_chart", "trait__trait_type"]
    search_fields = ["trait__name"]


class PricedUnlockAdmin(admin.ModelAdmin):
    """Lists each unlock's price, or that it is not for sale (no active chart entry), from one
    read of every price per page (the rule players buy by: `CostTable.price`)."""

    price_of_kind: dict = {}

    def get_list_display(self, request):
        prices = CostTable(**self.price_of_kind)

        @admin.display(description="Price")
        def price(unlock) -> str:
            found = prices.price(unlock)
            return "not for sale" if found is None else f"{found} XP"

        return [*super().get_list_display(request), price]


@admin.register(ClassLevelUnlock)
class ClassLevelUnlockAdmin(PricedUnlockAdmin):
    price_of_kind = {"class_ids": None}
    list_display = ["character_class", "target_level"]
    list_select_related = ["character_class"]
    list_filter = ["target_level", "character_class"]
    search_fields = ["character_class__name"]
    inlines = REQUIREMENT_INLINES


@admin.register(TraitRatingUnlock)
class TraitRatingUnlockAdmin(PricedUnlockAdmin):
    price_of_kind = {"trait_ids": None}
    list_display = ["trait", "target_rating"]
    list_select_related = ["trait"]
    list_filter = ["trait__trait_type"]
    search_fields = ["trait__name"]


@admin.register(CharacterUnlock)
class CharacterUnlockAdmin(LedgerAdmin):
    """Bought unlocks are records of a spend; staff undo one with "Refund", never by deleting."""

    list_display = [
        "character",
        "target",
        "xp_spent",
        "unlocked_date",
        "refunded_date",
        username("refunded_by"),
    ]
    list_select_related = ["character", "character_class", "trait", "gm", "refunded_by"]
    list_filter = ["character_class", "refunded_date", "unlocked_date"]
    search_fields = ["character__db_key", "character_class__name", "trait__name"]
    ordering = ["-unlocked_date", "-id"]
    actions = ["refund_unlock_action"]

    @admin.display(description="Unlock")
    def target(self, row: CharacterUnlock) -> str:
        return row.target_label

    @admin.action(description="Refund the selected unlocks")
    def refund_unlock_action(self, request, queryset):
        def apply(unlock, data):
            return staff_move(
                request,
                StaffAction.REFUND_UNLOCK,
                unlock=unlock,
                reason=data["reason"],
                done=f"Refunded {unlock}.",
            )

        return run_form_action(
            self,
            request,
            queryset.select_related("character", "character_class", "trait"),
            form_class=ReasonForm,
            title="Refund unlock",
            apply=apply,
        )
