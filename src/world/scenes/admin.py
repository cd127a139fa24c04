"""Staff admin for scenes: browse them, and finish one to hand out its development awards."""

from django.contrib import admin, messages

from .models import Scene, SceneMessage, SceneParticipation, SceneTraitUse
from .services import finish_scene


class SceneParticipationInline(admin.TabularInline):
    model = SceneParticipation
    extra = 0
    raw_id_fields = ["character", "account"]


class SceneTraitUseInline(admin.TabularInline):
    model = SceneTraitUse
    extra = 0
    raw_id_fields = ["character"]


class SceneMessageInline(admin.TabularInline):
    """The scene's log, as it was posed; read-only, since awards are computed from it."""

    model = SceneMessage
    extra = 0
    fields = ["created", "character", "content"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Scene)
class SceneAdmin(admin.ModelAdmin):
    list_display = ["name", "date_started", "date_finished", "is_active"]
    list_filter = ["is_active", "date_finished"]
    search_fields = ["name", "description"]
    raw_id_fields = ["location"]
    # Finishing awards development; it happens only through the action, never by editing.
    readonly_fields = ["date_finished"]
    inlines = [SceneParticipationInline, SceneTraitUseInline, SceneMessageInline]
    actions = ["finish_scenes"]

    @admin.action(description="Finish scene (award development)")
    def finish_scenes(self, request, queryset):
        for scene in queryset.order_by("pk"):
            result = finish_scene(scene, finished_by=request.user)
            level = messages.WARNING if result.already_finished else messages.SUCCESS
            self.message_user(request, result.message, level)
