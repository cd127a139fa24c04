"""Who owns each character: a mirror of the accounts' playable characters, read-only here
(change ownership where Evennia does, on the account's or the character's own admin page)."""

from django.contrib import admin

from ..models import CharacterOwner


@admin.register(CharacterOwner)
class CharacterOwnerAdmin(admin.ModelAdmin):
    list_display = ["character", "account"]
    list_select_related = ["character", "account"]
    search_fields = ["character__db_key", "account__username"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
