"""Trait values and class levels: read-only tables whose numbers change only through services
that write a ledger row (purchases, development, refunds, and the corrections offered here).

The traits and classes apps register plain read-only admins (they know nothing of progression);
this module replaces them with the same pages plus the correction actions.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin

from world.classes.admin import CharacterClassLevelAdmin as ClassLevelPage
from world.classes.models import CharacterClassLevel
from world.traits.admin import CharacterTraitValueAdmin as TraitValuePage
from world.traits.models import CharacterTraitValue

from ..models import ClassLevelTransaction, StaffAction, TraitValueTransaction
from ..types import DevelopmentSource
from .base import (
    AmountForm,
    LedgerAdmin,
    correction_action,
    run_form_action,
    staff_move,
    username,
)


class DevelopmentAwardForm(AmountForm):
    source = forms.ChoiceField(
        choices=[
            (DevelopmentSource.OTHER, "GM award"),
            (DevelopmentSource.QUEST, "Quest"),
            (DevelopmentSource.EXPLORATION, "Exploration"),
        ],
        help_text="Development points before the character's rate modifiers.",
    )
    field_order = ["source", "amount", "description"]


def award_development_action(modeladmin, request, queryset):
    """Award development points (a GM, quest or exploration award) to the selected rows'
    character and trait."""

    def apply(row, data):
        return staff_move(
            request,
            StaffAction.AWARD_DEVELOPMENT,
            character=row.character,
            trait=row.trait,
            amount=data["amount"],
            source=data["source"],
            description=data["description"],
            done=lambda award: (
                f"Awarded {award.amount} {row.trait} development points to {row.character}."
            ),
        )

    return run_form_action(
        modeladmin,
        request,
        queryset.select_related("character", "trait"),
        form_class=DevelopmentAwardForm,
        title="Award development",
        apply=apply,
    )


award_development_action.short_description = "Award development (GM, quest or exploration)"


def _correct_development(request, row, amount, reason_text) -> str:
    return staff_move(
        request,
        StaffAction.CORRECT_DEVELOPMENT,
        character=row.character,
        trait=row.trait,
        amount=amount,
        reason_text=reason_text,
        done=f"Corrected {row.character}'s {row.trait} development by {amount:+d} points.",
    )


correct_development_action = correction_action(
    "correct_development_action",
    "Correct development points of the selected rows",
    title="Correct development points",
    correct=_correct_development,
)


def _correct_value(request, row, amount, reason_text) -> str:
    return staff_move(
        request,
        StaffAction.CORRECT_TRAIT_VALUE,
        character=row.character,
        trait=row.trait,
        amount=amount,
        reason_text=reason_text,
        done=f"Corrected {row.character}'s {row.trait} by {amount:+d}.",
    )


def _correct_level(request, row, amount, reason_text) -> str:
    return staff_move(
        request,
        StaffAction.CORRECT_CLASS_LEVEL,
        character=row.character,
        character_class=row.character_class,
        amount=amount,
        reason_text=reason_text,
        done=f"Corrected {row.character}'s {row.character_class} level by {amount:+d}.",
    )


admin.site.unregister(CharacterTraitValue)
admin.site.unregister(CharacterClassLevel)


@admin.register(CharacterTraitValue)
class CharacterTraitValueAdmin(TraitValuePage):
    actions = [
        correction_action(
            "correct_value_action",
            "Correct the selected trait values",
            title="Correct trait value",
            correct=_correct_value,
        ),
        award_development_action,
        correct_development_action,
    ]


@admin.register(CharacterClassLevel)
class CharacterClassLevelAdmin(ClassLevelPage):
    actions = [
        correction_action(
            "correct_level_action",
            "Correct the selected class levels",
            title="Correct class level",
            correct=_correct_level,
        )
    ]


@admin.register(TraitValueTransaction)
class TraitValueTransactionAdmin(LedgerAdmin):
    list_display = [
        "transaction_date",
        "character",
        "trait",
        "amount",
        "reason",
        "summary",
        username("gm", "GM"),
    ]
    list_select_related = ["character", "trait", "gm"]
    list_filter = ["reason", "transaction_date"]
    search_fields = ["character__db_key", "trait__name", "description"]


@admin.register(ClassLevelTransaction)
class ClassLevelTransactionAdmin(LedgerAdmin):
    list_display = [
        "transaction_date",
        "character",
        "character_class",
        "amount",
        "reason",
        "summary",
        username("gm", "GM"),
    ]
    list_select_related = ["character", "character_class", "gm"]
    list_filter = ["reason", "transaction_date"]
    search_fields = ["character__db_key", "character_class__name", "description"]
