"""Evennia's website character pages under the game's rules.

Evennia's character forms are ModelForms over the cached character: validating one sets the new
name on the object the game holds even when the page saves nothing, and they store names and
descriptions HTML-escaped. Here a plain form checks the name with the game's one name rule and
the view changes the character only once the form is valid. A character that holds progression
is not deleted (its ledgers are what the audit and refunds read); the page says why instead.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.utils.text import slugify
from evennia.web.website.views import characters as evennia_views

from typeclasses.names import character_name_error
from world.progression.selectors import deletion_refusal


class CharacterForm(forms.Form):
    """A character's name and description, kept as written (templates escape what they show)."""

    db_key = forms.CharField(label="Name")
    desc = forms.CharField(
        label="Description",
        max_length=2048,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="A brief description of your character.",
    )

    def __init__(self, *args, character=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.character = character

    def clean_db_key(self) -> str:
        name = self.cleaned_data["db_key"]
        error = character_name_error(name, exclude_id=getattr(self.character, "pk", None))
        if error:
            raise forms.ValidationError(error, code="invalid_name")
        return name


class _OwnCharacter:
    """Finds the character a URL names among those the view may show, as a 404 when the id or
    its slug is wrong (Evennia's views answered those with a 500)."""

    def get_object(self, queryset=None):
        queryset = self.get_queryset() if queryset is None else queryset
        character = queryset.filter(pk=self.kwargs.get("pk")).first()
        if character is None or slugify(character.name) != self.kwargs.get(self.slug_url_kwarg):
            raise Http404("No such character.")
        if not character.access(self.request.user, self.access_type):
            raise PermissionDenied(f"You may not {self.access_type} this character.")
        return character


class _CharacterForm:
    form_class = CharacterForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("instance", None)  # the form never touches the cached object
        kwargs["character"] = self.object
        return kwargs


class CharacterCreateView(_CharacterForm, evennia_views.CharacterCreateView):
    pass


class CharacterUpdateView(_CharacterForm, _OwnCharacter, evennia_views.CharacterUpdateView):
    def get_initial(self):
        return {"db_key": self.object.key, "desc": self.object.db.desc or ""}

    def form_valid(self, form):
        character = self.object
        if form.cleaned_data["db_key"] != character.key:
            character.key = form.cleaned_data["db_key"]
        character.db.desc = form.cleaned_data["desc"]
        messages.success(self.request, f"{character.key} is saved.")
        return HttpResponseRedirect(self.get_success_url())


class CharacterDeleteView(_OwnCharacter, evennia_views.CharacterDeleteView):
    def get(self, request, *args, **kwargs):
        return self._refusal() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self._refusal() or super().post(request, *args, **kwargs)

    def _refusal(self):
        refusal = deletion_refusal(self.get_object())
        if refusal is None:
            return None
        messages.error(self.request, refusal)
        return HttpResponseRedirect(self.success_url)


class CharacterDetailView(_OwnCharacter, evennia_views.CharacterDetailView):
    pass


class CharacterPuppetView(_OwnCharacter, evennia_views.CharacterPuppetView):
    pass
