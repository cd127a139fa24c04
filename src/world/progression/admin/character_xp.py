"""Character XP pools and their ledger: read-only, changed only by the services (award and
correct actions here; creation-point conversion on the character owner page)."""

from django.contrib import admin

from ..models import CharacterXP, CharacterXPTransaction, StaffAction
from .base import (
    AmountForm,
    LedgerAdmin,
    ReadOnlyAdmin,
    correction_action,
    run_form_action,
    staff_move,
    username,
)


def _correct(request, row, amount, reason_text) -> str:
    return staff_move(
        request,
        StaffAction.CORRECT_CHARACTER_XP,
        character=row.character,
        amount=amount,
        transferable=row.transferable,
        reason_text=reason_text,
        done=f"Corrected {row.character}'s {_kind(row)} XP by {amount:+d}.",
    )


def _kind(row) -> str:
    return "transferable" if row.transferable else "locked"


@admin.register(CharacterXP)
class CharacterXPAdmin(ReadOnlyAdmin):
    list_display = ["character", "transferable", "total_earned", "total_spent", "updated_date"]
    list_select_related = ["character"]
    list_filter = ["transferable"]
    search_fields = ["character__db_key"]
    ordering = ["character__db_key", "transferable"]
    actions = [
        "award_action",
        correction_action(
            "correct_action",
            "Correct the selected character XP pools",
            title="Correct character XP",
            correct=_correct,
        ),
    ]

    @admin.action(description="Award XP to the selected character XP pools")
    def award_action(self, request, queryset):
        def apply(row, data):
            return staff_move(
                request,
                StaffAction.AWARD_CHARACTER_XP,
                character=row.character,
                amount=data["amount"],
                transferable=row.transferable,
                description=data["description"],
                done=f"Awarded {data['amount']} {_kind(row)} XP to {row.character}.",
            )

        return run_form_action(
            self,
            request,
            queryset.select_related("character"),
            form_class=AmountForm,
            title="Award character XP",
            apply=apply,
        )


@admin.register(CharacterXPTransaction)
class CharacterXPTransactionAdmin(LedgerAdmin):
    list_display = [
        "transaction_date",
        "character",
        "amount",
        "reason",
        "transferable",
        "summary",
        username("gm", "GM"),
    ]
    list_select_related = ["character", "gm"]
    list_filter = ["reason", "transferable", "transaction_date"]
    search_fields = ["character__db_key", "description"]
