"""Shared admin behaviour: read-only ledgers and balances, and staff forms that call services.

Balances and ledger rows change only through the services, so staff adjust them with actions
and forms that call a service and record the acting staff account, never by editing a field.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse

from ..exceptions import ProgressionError

ACTION_FORM_TEMPLATE = "progression/admin/action_form.html"


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows that only services write (ledgers, balances): staff may look, not touch."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


def staff_account(request):
    """The account acting in the admin: in Evennia the logged-in user is the AccountDB."""
    return request.user


def run_form_action(
    modeladmin: admin.ModelAdmin,
    request,
    queryset,
    *,
    form_class: type[forms.Form],
    title: str,
    apply: Callable[[object, dict], str],
):
    """Show `form_class` for the selected rows; on a valid submit call `apply(row, data)` per row.

    `apply` calls one service and returns a line for the staff member; a ProgressionError from
    the service is reported for that row and the others still run (each is its own transaction).
    """
    if "apply" in request.POST:
        form = form_class(request.POST)
        if form.is_valid():
            for row in queryset:
                try:
                    line = apply(row, form.cleaned_data)
                except ProgressionError as error:
                    modeladmin.message_user(request, f"{row}: {error}", messages.ERROR)
                else:
                    modeladmin.message_user(request, line, messages.SUCCESS)
            return None
    else:
        form = form_class()
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "form": form,
        "rows": list(queryset),
        "opts": modeladmin.model._meta,
        "action": request.POST.get("action", ""),
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, ACTION_FORM_TEMPLATE, context)


class AmountForm(forms.Form):
    amount = forms.IntegerField(min_value=1, help_text="A positive whole number.")
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown to the player in their history.",
    )


class CorrectionForm(forms.Form):
    amount = forms.IntegerField(
        help_text="Signed: positive adds what was missed, negative takes back what was given "
        "in error."
    )
    reason_text = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Why the balance was wrong; kept in the ledger.",
    )

    def clean_amount(self) -> int:
        amount = self.cleaned_data["amount"]
        if amount == 0:
            raise forms.ValidationError("A correction of zero changes nothing.")
        return amount


class ReasonForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))


def correction_action(
    name: str, description: str, *, title: str, correct: Callable[[object, int, object, str], str]
):
    """An admin action named `name` that asks for a signed amount and a reason, then calls
    `correct(row, amount, staff, reason_text)` (one service call) for each selected row."""

    @admin.action(description=description)
    def action(modeladmin, request, queryset):
        gm = staff_account(request)
        return run_form_action(
            modeladmin,
            request,
            queryset,
            form_class=CorrectionForm,
            title=title,
            apply=lambda row, data: correct(row, data["amount"], gm, data["reason_text"]),
        )

    action.__name__ = name
    return action
