"""Staff admin for traits and the values characters hold in them."""

from django.contrib import admin

from .models import CharacterTraitValue, Trait


@admin.register(Trait)
class TraitAdmin(admin.ModelAdmin):
    list_display = ["name", "trait_type", "category", "is_public"]
    list_filter = ["trait_type", "category", "is_public"]
    search_fields = ["name", "description"]


@admin.register(CharacterTraitValue)
class CharacterTraitValueAdmin(admin.ModelAdmin):
    """Read-only: these numbers change only through services that write a ledger row (the
    progression app adds its correction actions to this page)."""

    list_display = ["character", "trait", "value", "display_value"]
    list_filter = ["trait__trait_type", "trait__category"]
    search_fields = ["character__db_key", "trait__name"]
    list_select_related = ["character", "trait"]
    raw_id_fields = ["character"]
    autocomplete_fields = ["trait"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
