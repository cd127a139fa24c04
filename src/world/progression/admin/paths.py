"""Which path each character chose at each stage: read-only here; staff choose a path for a
character through `services.paths.select_path`, so its checks hold in the admin too."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db.models import Min
from django.urls import path

from world.classes.models import Path

from ..models import CharacterPathHistory
from ..selectors import character_named
from ..services.paths import select_path
from .base import ReadOnlyAdmin, run_form_action, run_form_page


class SelectPathForm(forms.Form):
    # Every path, open or not: select_path says why one cannot be taken (one rule, one place).
    path = forms.ModelChoiceField(
        queryset=Path.objects.all(), help_text="The path the character takes next."
    )


class SelectPathForCharacterForm(SelectPathForm):
    character = forms.CharField(help_text="The character's name.")
    field_order = ["character", "path"]

    def clean_character(self):
        name = self.cleaned_data["character"]
        character = character_named(name)
        if character is None:
            raise forms.ValidationError(f"No character is named {name.strip()!r}.")
        return character


def _select(character, chosen: Path) -> str:
    select_path(character, chosen)
    return f"{character} now follows {chosen}."


@admin.register(CharacterPathHistory)
class CharacterPathHistoryAdmin(ReadOnlyAdmin):
    list_display = ["character", "path", "path_stage", "selected_at"]
    list_select_related = ["character", "path"]
    list_filter = ["path__stage", "path"]
    search_fields = ["character__db_key", "path__name"]
    actions = ["select_path_action"]
    change_list_template = "admin/progression/characterpathhistory/change_list.html"

    @admin.display(description="Stage", ordering="path__stage")
    def path_stage(self, obj: CharacterPathHistory) -> str:
        return obj.path.get_stage_display()

    @admin.action(description="Choose the next path for the selected rows' characters")
    def select_path_action(self, request, queryset):
        # One row per character, however many of its rows were ticked.
        first_rows = queryset.values("character_id").annotate(first=Min("pk")).values("first")
        return run_form_action(
            self,
            request,
            CharacterPathHistory.objects.filter(pk__in=first_rows).select_related(
                "character", "path"
            ),
            form_class=SelectPathForm,
            title="Choose a path",
            apply=lambda row, data: _select(row.character, data["path"]),
        )

    def get_urls(self):
        view = self.admin_site.admin_view(self.select_view)
        return [
            path("select/", view, name="progression_characterpathhistory_select"),
            *super().get_urls(),
        ]

    def select_view(self, request):
        """Choose a path for any character, including one that has chosen none yet."""
        return run_form_page(
            self,
            request,
            form_class=SelectPathForCharacterForm,
            title="Choose a path",
            apply=lambda data: _select(data["character"], data["path"]),
        )
