"""Development points per character and trait, and their ledger: read-only, changed by the
award and correction actions (which call the services)."""

from django.contrib import admin

from ..models import DevelopmentPoints, DevelopmentTransaction
from .base import LedgerAdmin, ReadOnlyAdmin, username
from .standings import award_development_action, correct_development_action


@admin.register(DevelopmentPoints)
class DevelopmentPointsAdmin(ReadOnlyAdmin):
    list_display = ["character", "trait", "total_earned", "banked_points", "updated_date"]
    list_select_related = ["character", "trait"]
    list_filter = ["trait__category"]
    search_fields = ["character__db_key", "trait__name"]
    ordering = ["character__db_key", "trait__name"]
    actions = [award_development_action, correct_development_action]


@admin.register(DevelopmentTransaction)
class DevelopmentTransactionAdmin(LedgerAdmin):
    list_display = [
        "transaction_date",
        "character",
        "trait",
        "amount",
        "source",
        "scene",
        "summary",
        username("gm", "GM"),
    ]
    list_select_related = ["character", "trait", "scene", "gm"]
    list_filter = ["source", "reason", "transaction_date"]
    search_fields = ["character__db_key", "trait__name", "description"]
