"""Who owns each character: a mirror of the accounts' playable characters, read-only here
(change ownership where Evennia does, on the account's or the character's own admin page).
Every character has a row, so the creation-point conversion is offered here."""

from django import forms
from django.contrib import admin

from ..models import CharacterOwner, StaffAction
from .base import run_form_action, staff_move


class ConversionForm(forms.Form):
    remaining_cg_points = forms.IntegerField(min_value=1, label="Unspent creation points")
    conversion_rate = forms.IntegerField(min_value=1, initial=2, label="XP per point")


@admin.register(CharacterOwner)
class CharacterOwnerAdmin(admin.ModelAdmin):
    list_display = ["character", "account"]
    list_select_related = ["character", "account"]
    search_fields = ["character__db_key", "account__username"]
    actions = ["convert_creation_points_action"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description="Convert unspent creation points to locked XP")
    def convert_creation_points_action(self, request, queryset):
        def apply(row, data):
            return staff_move(
                request,
                StaffAction.CONVERT_CREATION_POINTS,
                character=row.character,
                **data,
                done=lambda awarded: (
                    f"{row.character} gets {awarded.amount} locked XP from creation points."
                ),
            )

        return run_form_action(
            self,
            request,
            queryset.select_related("character"),
            form_class=ConversionForm,
            title="Convert creation points",
            apply=apply,
        )
