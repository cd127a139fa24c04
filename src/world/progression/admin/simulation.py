"""The what-if simulator's admin page (linked from the XP cost charts): a proposed change in a
form, before and after side by side. A GET form: it reads and writes nothing."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from ..selectors.simulation import proposed_change, simulate

SIMULATION_TEMPLATE = "progression/admin/simulation.html"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class SimulationForm(forms.Form):
    weeks = forms.IntegerField(min_value=1, max_value=104, initial=8)
    charts = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One chart a line: CHART:LEVEL=COST[,LEVEL=COST]",
    )
    class_modifiers = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="One a line: CLASS=PERCENT",
    )
    trait_modifiers = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="One a line: TRAIT=PERCENT",
    )
    scene_points_per_use = forms.IntegerField(required=False, min_value=0)
    vote_scale = forms.CharField(required=False, help_text="XP of the 1st, 2nd ... vote: 3,2,2,1")

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            data["change"] = proposed_change(
                charts=_lines(data.get("charts")),
                class_modifiers=_lines(data.get("class_modifiers")),
                trait_modifiers=_lines(data.get("trait_modifiers")),
                scene_points_per_use=data.get("scene_points_per_use"),
                vote_scale=data.get("vote_scale") or None,
            )
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None
        return data


def simulation_view(model_admin, request):
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    form = SimulationForm(request.GET if "weeks" in request.GET else None)
    result = None
    if form.is_bound and form.is_valid():
        result = simulate(form.cleaned_data["change"], weeks=form.cleaned_data["weeks"])
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "What if: simulate a change",
        "form": form,
        "result": result,
        "opts": model_admin.model._meta,
    }
    return TemplateResponse(request, SIMULATION_TEMPLATE, context)
