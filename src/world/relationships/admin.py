"""Staff admin for how characters stand toward each other."""

from django.contrib import admin

from .models import CharacterRelationship


@admin.register(CharacterRelationship)
class CharacterRelationshipAdmin(admin.ModelAdmin):
    list_display = ["source", "target", "level"]
    search_fields = ["source__db_key", "target__db_key"]
    list_filter = ["level"]
    list_select_related = ["source", "target"]
    raw_id_fields = ["source", "target"]
