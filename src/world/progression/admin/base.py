"""Shared admin behaviour: read-only ledgers and balances, and staff forms that call services.

Balances and ledger rows change only through the services, so staff adjust them with actions
and forms that call a service and record the acting staff account, never by editing a field.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from ..exceptions import ProgressionError
from ..rules.approvals import hours_left, waiting_text
from ..rules.text import plain_text
from ..services.approvals import request_staff_action

ACTION_FORM_TEMPLATE = "progression/admin/action_form.html"
# What a ledger's list shows of a description; the whole text is in the cell's hover title.
DESCRIPTION_SHOWN = 60


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows that only services write (ledgers, balances): staff may look, not touch."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class LedgerAdmin(ReadOnlyAdmin):
    """A ledger's list, newest first, with room for its columns on a 1280 px screen: no
    navigation sidebar (the breadcrumbs and the grouped index lead on), accounts by their
    username rather than Evennia's "name(account 3)", and the description as plain text cut
    short, with the whole of it on hover. Its stylesheet lets the description column give way
    (a long word breaks) so the table stays inside its box; dates keep to one line by Django's
    own class."""

    ordering = ["-transaction_date", "-id"]

    class Media:
        css = {"all": ["progression/admin-ledgers.css"]}

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(
            request, {"is_nav_sidebar_enabled": False, **(extra_context or {})}
        )

    @admin.display(description="Description")
    def summary(self, obj) -> str:
        # Plain text, as everywhere one person reads what another wrote.
        shown = plain_text(obj.description, max_length=DESCRIPTION_SHOWN)
        return format_html('<span title="{}">{}</span>', plain_text(obj.description), shown)


def username(field: str, label: str | None = None):
    """A list column showing the account in `field` by its username, sorted by it."""

    @admin.display(description=label or field.replace("_", " "), ordering=f"{field}__username")
    def column(obj):
        account = getattr(obj, field)
        return account.username if account else None

    column.__name__ = field
    return column


def staff_account(request):
    """The account acting in the admin: in Evennia the logged-in user is the AccountDB."""
    return request.user


def staff_move(request, action: str, *, done, named: str | None = None, **arguments) -> str:
    """Make a staff award, correction or refund through the two-person rule; the line for the
    staff member: `done` (a line, or a function of what was posted that returns one), or that
    the move waits for a second staff member."""
    move = request_staff_action(
        action=action, requested_by=staff_account(request), named=named, **arguments
    )
    if move.request is not None:
        waiting = move.request
        return waiting_text(waiting.pk, hours_left(waiting.expires_at, timezone.now()))
    return done(move.result) if callable(done) else done


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


def run_form_page(
    modeladmin: admin.ModelAdmin,
    request,
    *,
    form_class: type[forms.Form],
    title: str,
    apply: Callable[[dict], str],
):
    """A page of its own (not an action on selected rows) showing `form_class`; on a valid
    submit `apply(data)` calls one service and returns the line for the staff member, who goes
    back to the model's list. A ProgressionError from the service is shown on the form."""
    if not modeladmin.has_view_permission(request):
        raise PermissionDenied
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            line = apply(form.cleaned_data)
        except ProgressionError as error:
            modeladmin.message_user(request, str(error), messages.ERROR)
        else:
            modeladmin.message_user(request, line, messages.SUCCESS)
            opts = modeladmin.model._meta
            return redirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "form": form,
        "rows": [],
        "opts": modeladmin.model._meta,
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
    name: str, description: str, *, title: str, correct: Callable[[object, object, int, str], str]
):
    """An admin action named `name` that asks for a signed amount and a reason, then calls
    `correct(request, row, amount, reason_text)` (one `staff_move`) for each selected row."""

    @admin.action(description=description)
    def action(modeladmin, request, queryset):
        return run_form_action(
            modeladmin,
            request,
            queryset,
            form_class=CorrectionForm,
            title=title,
            apply=lambda row, data: correct(request, row, data["amount"], data["reason_text"]),
        )

    action.__name__ = name
    return action
