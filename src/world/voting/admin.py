"""Staff see the votes cast each week; votes are cast in the game, never edited here."""

from django.contrib import admin

from .models import Vote


@admin.register(Vote)
class VoteAdmin(admin.ModelAdmin):
    list_display = ["week", "voter", "character", "recipient", "created"]
    list_filter = ["week"]
    search_fields = ["voter__username", "recipient__username", "character__db_key"]
    readonly_fields = ["voter", "character", "recipient", "week", "created"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
