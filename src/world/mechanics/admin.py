"""Staff admin for the modifier registry and the distinctions that grant modifiers."""

from django.contrib import admin

from .models import (
    CharacterDistinction,
    Distinction,
    DistinctionEffect,
    ModifierCategory,
    ModifierType,
)


@admin.register(ModifierCategory)
class ModifierCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "description"]
    search_fields = ["name"]


@admin.register(ModifierType)
class ModifierTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "category", "description"]
    list_filter = ["category"]
    search_fields = ["name", "category__name"]
    list_select_related = ["category"]


class DistinctionEffectInline(admin.TabularInline):
    model = DistinctionEffect
    extra = 1
    autocomplete_fields = ["modifier_type"]


@admin.register(Distinction)
class DistinctionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [DistinctionEffectInline]


@admin.register(DistinctionEffect)
class DistinctionEffectAdmin(admin.ModelAdmin):
    list_display = ["distinction", "modifier_type", "value"]
    list_filter = ["modifier_type__category"]
    search_fields = ["distinction__name", "modifier_type__name"]
    # The modifier type's __str__ names its category too.
    list_select_related = ["distinction", "modifier_type__category"]
    autocomplete_fields = ["distinction", "modifier_type"]


@admin.register(CharacterDistinction)
class CharacterDistinctionAdmin(admin.ModelAdmin):
    list_display = ["character", "distinction"]
    list_filter = ["distinction"]
    search_fields = ["character__db_key", "distinction__name"]
    list_select_related = ["character", "distinction"]
    raw_id_fields = ["character"]
    autocomplete_fields = ["distinction"]
