"""The achievement ledger: read-only here; staff grant an achievement to a character, or revoke
the achievements of selected rows, with a reason, through `services.achievements` (the
`achievements/grant` and `/revoke` command switches do the same)."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db.models import Max
from django.urls import path
from evennia.contrib.game_systems.achievements.achievements import all_achievements

from ..models import AchievementTransaction
from ..rules.achievements import achievement_name
from ..selectors import character_named
from ..services.achievements import grant_achievement, revoke_achievement
from .base import (
    LedgerAdmin,
    ReasonForm,
    run_form_action,
    run_form_page,
    staff_account,
    username,
)


class GrantForm(forms.Form):
    character = forms.CharField(help_text="The character's name.")
    achievement = forms.ChoiceField(choices=())
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Why; kept in the ledger and shown to the player.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["achievement"].choices = sorted(
            ((key, definition["name"]) for key, definition in all_achievements().items()),
            key=lambda choice: choice[1],
        )

    def clean_character(self):
        name = self.cleaned_data["character"]
        character = character_named(name)
        if character is None:
            raise forms.ValidationError(f"No character is named {name.strip()!r}.")
        return character


@admin.register(AchievementTransaction)
class AchievementTransactionAdmin(LedgerAdmin):
    list_display = [
        "transaction_date",
        "character",
        "achievement",
        "reason",
        "summary",
        username("gm", "GM"),
    ]
    list_select_related = ["character", "gm"]
    list_filter = ["reason", "achievement_key", "transaction_date"]
    search_fields = ["character__db_key", "achievement_key", "description"]
    actions = ["revoke_action"]
    change_list_template = "admin/progression/achievementtransaction/change_list.html"

    @admin.display(description="Achievement", ordering="achievement_key")
    def achievement(self, obj: AchievementTransaction) -> str:
        return achievement_name(obj.achievement_key)

    @admin.action(description="Revoke the achievements of the selected rows")
    def revoke_action(self, request, queryset):
        staff = staff_account(request)
        # One row per character and achievement, however many of its rows were ticked.
        latest = queryset.values("character_id", "achievement_key").annotate(last=Max("pk"))
        rows = AchievementTransaction.objects.filter(
            pk__in=[row["last"] for row in latest]
        ).select_related("character")
        return run_form_action(
            self,
            request,
            rows,
            form_class=ReasonForm,
            title="Revoke achievements",
            apply=lambda row, data: _revoke(row, staff, data["reason"]),
        )

    def get_urls(self):
        view = self.admin_site.admin_view(self.grant_view)
        return [
            path("grant/", view, name="progression_achievementtransaction_grant"),
            *super().get_urls(),
        ]

    def grant_view(self, request):
        """Grant any achievement to any character, with a reason."""

        def grant(data) -> str:
            character, key = data["character"], data["achievement"]
            grant_achievement(
                character=character, key=key, staff=staff_account(request), reason=data["reason"]
            )
            return f"{character} now has {achievement_name(key)}."

        return run_form_page(
            self, request, form_class=GrantForm, title="Grant an achievement", apply=grant
        )


def _revoke(row: AchievementTransaction, staff, reason: str) -> str:
    revoke_achievement(character=row.character, key=row.achievement_key, staff=staff, reason=reason)
    return f"Revoked {achievement_name(row.achievement_key)} from {row.character}."


__all__ = ["AchievementTransactionAdmin"]
