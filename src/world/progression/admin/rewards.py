"""Account XP: balances (read-only, adjusted through Award XP / Correct balance) and the ledger."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from evennia.accounts.models import AccountDB

from ..exceptions import ProgressionError
from ..models import ExperiencePointsData, StaffAction, XPTransaction
from .base import (
    ACTION_FORM_TEMPLATE,
    AmountForm,
    CorrectionForm,
    LedgerAdmin,
    ReadOnlyAdmin,
    run_form_action,
    staff_move,
    username,
)


class AwardXPToAccountForm(AmountForm):
    account = forms.CharField(help_text="The account's username.")
    field_order = ["account", "amount", "description"]

    def clean_account(self):
        username = self.cleaned_data["account"].strip()
        try:
            return AccountDB.objects.get(username__iexact=username)
        except AccountDB.DoesNotExist:
            raise forms.ValidationError(f"No account is named {username!r}.") from None


def _award(request, account, data) -> str:
    return staff_move(
        request,
        StaffAction.AWARD_ACCOUNT_XP,
        account=account,
        amount=data["amount"],
        description=data["description"],
        done=f"Awarded {data['amount']} XP to {account}.",
    )


@admin.register(ExperiencePointsData)
class ExperiencePointsDataAdmin(ReadOnlyAdmin):
    list_display = ["account", "total_earned", "total_spent", "current_available", "updated_date"]
    list_select_related = ["account"]
    search_fields = ["account__username"]
    ordering = ["account__username"]
    readonly_fields = ["account", "total_earned", "total_spent", "created_date", "updated_date"]
    actions = ["award_xp_action", "correct_balance_action"]
    change_list_template = "admin/progression/experiencepointsdata/change_list.html"

    @admin.display(description="Available")
    def current_available(self, obj: ExperiencePointsData) -> int:
        return obj.current_available

    # Actions change balances only through services, so they need no model change permission
    # (which this admin withholds); being staff in the admin is the permission.
    @admin.action(description="Award XP to the selected accounts")
    def award_xp_action(self, request, queryset):
        return run_form_action(
            self,
            request,
            queryset.select_related("account"),
            form_class=AmountForm,
            title="Award XP",
            apply=lambda row, data: _award(request, row.account, data),
        )

    @admin.action(description="Correct the selected balances")
    def correct_balance_action(self, request, queryset):
        def apply(row, data):
            return staff_move(
                request,
                StaffAction.CORRECT_ACCOUNT_XP,
                account=row.account,
                amount=data["amount"],
                reason_text=data["reason_text"],
                done=f"Corrected {row.account} by {data['amount']:+d} XP.",
            )

        return run_form_action(
            self,
            request,
            queryset.select_related("account"),
            form_class=CorrectionForm,
            title="Correct balance",
            apply=apply,
        )

    def get_urls(self):
        award = self.admin_site.admin_view(self.award_view)
        return [
            path("award/", award, name="progression_experiencepointsdata_award"),
            *super().get_urls(),
        ]

    def award_view(self, request):
        """Award XP to any account, including one that has never earned any (no balance row)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = AwardXPToAccountForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            account = form.cleaned_data["account"]
            try:
                line = _award(request, account, form.cleaned_data)
            except ProgressionError as error:
                form.add_error(None, str(error))
            else:
                self.message_user(request, line, messages.SUCCESS)
                return redirect(reverse("admin:progression_experiencepointsdata_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": "Award XP",
            "form": form,
            "rows": [],
            "opts": self.model._meta,
        }
        return TemplateResponse(request, ACTION_FORM_TEMPLATE, context)


@admin.register(XPTransaction)
class XPTransactionAdmin(LedgerAdmin):
    list_display = [
        "transaction_date",
        username("account"),
        "amount",
        "reason",
        "character",
        "summary",
        username("gm", "GM"),
    ]
    list_select_related = ["account", "character", "gm"]
    list_filter = ["reason", "transaction_date"]
    search_fields = ["account__username", "character__db_key", "description"]
