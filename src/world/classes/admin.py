"""Staff admin for character classes, the levels characters hold in them, and paths."""

from django.contrib import admin

from .models import CharacterClass, CharacterClassLevel, Path


@admin.register(CharacterClass)
class CharacterClassAdmin(admin.ModelAdmin):
    list_display = ["name", "minimum_level", "is_hidden"]
    list_filter = ["is_hidden"]
    search_fields = ["name", "description"]


@admin.register(CharacterClassLevel)
class CharacterClassLevelAdmin(admin.ModelAdmin):
    """Read-only: these numbers change only through services that write a ledger row (the
    progression app adds its correction actions to this page)."""

    list_display = ["character", "character_class", "level", "is_primary"]
    list_filter = ["character_class", "is_primary", "level"]
    search_fields = ["character__db_key", "character_class__name"]
    list_select_related = ["character", "character_class"]
    raw_id_fields = ["character"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Path)
class PathAdmin(admin.ModelAdmin):
    list_display = ["name", "stage", "minimum_level", "is_active"]
    list_filter = ["stage", "is_active"]
    search_fields = ["name", "description"]
    filter_horizontal = ["parent_paths"]
