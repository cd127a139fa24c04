"""Which path each character chose at each stage."""

from django.contrib import admin

from ..models import CharacterPathHistory


@admin.register(CharacterPathHistory)
class CharacterPathHistoryAdmin(admin.ModelAdmin):
    list_display = ["character", "path", "path_stage", "selected_at"]
    list_select_related = ["character", "path"]
    list_filter = ["path__stage", "path"]
    search_fields = ["character__db_key", "path__name"]
    raw_id_fields = ["character"]

    @admin.display(description="Stage", ordering="path__stage")
    def path_stage(self, obj: CharacterPathHistory) -> str:
        return obj.path.get_stage_display()
