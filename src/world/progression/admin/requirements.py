"""Requirements for class-level unlocks: one admin and one inline per requirement type."""

from django.contrib import admin

from ..models import (
    AchievementRequirement,
    ClassLevelRequirement,
    LevelRequirement,
    MultiClassLevel,
    MultiClassRequirement,
    RelationshipRequirement,
    TierRequirement,
    TraitRequirement,
)

_COMMON_LIST = ["__str__", "class_level_unlock", "is_active"]
_COMMON_SELECT = ["class_level_unlock__character_class"]


class _RequirementInline(admin.TabularInline):
    extra = 0
    show_change_link = True


class TraitRequirementInline(_RequirementInline):
    model = TraitRequirement
    fields = ["trait", "minimum_value", "description", "is_active"]


class LevelRequirementInline(_RequirementInline):
    model = LevelRequirement
    fields = ["minimum_level", "description", "is_active"]


class ClassLevelRequirementInline(_RequirementInline):
    model = ClassLevelRequirement
    fields = ["character_class", "minimum_level", "description", "is_active"]


class MultiClassRequirementInline(_RequirementInline):
    # The classes and levels themselves are edited on the requirement's own page (its inline).
    model = MultiClassRequirement
    fields = ["description_override", "description", "is_active"]


class TierRequirementInline(_RequirementInline):
    model = TierRequirement
    fields = ["minimum_tier", "description", "is_active"]


class AchievementRequirementInline(_RequirementInline):
    model = AchievementRequirement
    fields = ["achievement_key", "description", "is_active"]


class RelationshipRequirementInline(_RequirementInline):
    model = RelationshipRequirement
    fields = ["relationship_target", "minimum_level", "description", "is_active"]


REQUIREMENT_INLINES = [
    TraitRequirementInline,
    LevelRequirementInline,
    ClassLevelRequirementInline,
    MultiClassRequirementInline,
    TierRequirementInline,
    AchievementRequirementInline,
    RelationshipRequirementInline,
]


class _RequirementAdmin(admin.ModelAdmin):
    list_display = _COMMON_LIST
    list_select_related = _COMMON_SELECT
    list_filter = ["is_active"]
    search_fields = ["description", "class_level_unlock__character_class__name"]


@admin.register(TraitRequirement)
class TraitRequirementAdmin(_RequirementAdmin):
    list_display = [*_COMMON_LIST, "trait", "minimum_value"]
    list_select_related = [*_COMMON_SELECT, "trait"]


@admin.register(LevelRequirement)
class LevelRequirementAdmin(_RequirementAdmin):
    list_display = [*_COMMON_LIST, "minimum_level"]


@admin.register(ClassLevelRequirement)
class ClassLevelRequirementAdmin(_RequirementAdmin):
    list_display = [*_COMMON_LIST, "character_class", "minimum_level"]
    list_select_related = [*_COMMON_SELECT, "character_class"]


class MultiClassLevelInline(admin.TabularInline):
    model = MultiClassLevel
    extra = 1


@admin.register(MultiClassRequirement)
class MultiClassRequirementAdmin(_RequirementAdmin):
    inlines = [MultiClassLevelInline]


@admin.register(MultiClassLevel)
class MultiClassLevelAdmin(admin.ModelAdmin):
    list_display = ["multi_class_requirement", "character_class", "minimum_level"]
    list_select_related = ["multi_class_requirement", "character_class"]
    search_fields = ["character_class__name"]


@admin.register(TierRequirement)
class TierRequirementAdmin(_RequirementAdmin):
    list_display = [*_COMMON_LIST, "minimum_tier"]


@admin.register(AchievementRequirement)
class AchievementRequirementAdmin(_RequirementAdmin):
    list_display = [*_COMMON_LIST, "achievement_key"]
    search_fields = [*_RequirementAdmin.search_fields, "achievement_key"]


@admin.register(RelationshipRequirement)
class RelationshipRequirementAdmin(_RequirementAdmin):
    list_display = [*_COMMON_LIST, "relationship_target", "minimum_level"]
    search_fields = [*_RequirementAdmin.search_fields, "relationship_target"]
