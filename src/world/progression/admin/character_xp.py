"""Character XP pools and their ledger: read-only, changed only by the services."""

from django.contrib import admin

from ..models import CharacterXP, CharacterXPTransaction
from .base import ReadOnlyAdmin


@admin.register(CharacterXP)
class CharacterXPAdmin(ReadOnlyAdmin):
    list_display = ["character", "transferable", "total_earned", "total_spent", "updated_date"]
    list_select_related = ["character"]
    list_filter = ["transferable"]
    search_fields = ["character__db_key"]
    ordering = ["character__db_key", "transferable"]


@admin.register(CharacterXPTransaction)
class CharacterXPTransactionAdmin(ReadOnlyAdmin):
    list_display = ["transaction_date", "character", "amount", "reason", "transferable", "gm"]
    list_select_related = ["character", "gm"]
    list_filter = ["reason", "transferable", "transaction_date"]
    search_fields = ["character__db_key", "description"]
    ordering = ["-transaction_date", "-id"]
