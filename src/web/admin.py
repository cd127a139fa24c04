"""The game's changes to Evennia's admin: the object forms apply the character name rule.

Evennia registers its ObjectAdmin when the admin app loads; web/urls.py imports this module,
which swaps in the same admin with forms that refuse a character name the game would refuse.
"""

from django import forms
from django.contrib import admin
from evennia.objects.models import ObjectDB
from evennia.web.admin.objects import ObjectAdmin, ObjectCreateForm, ObjectEditForm

from typeclasses.names import character_name_error, is_character_typeclass


class _CharacterNameRule:
    def clean(self):
        cleaned = super().clean()
        name = cleaned.get("db_key")
        typeclass = cleaned.get("db_typeclass_path") or getattr(
            self.instance, "db_typeclass_path", ""
        )
        if name is not None and typeclass and is_character_typeclass(typeclass):
            error = character_name_error(name, exclude_id=self.instance.pk)
            if error:
                self.add_error("db_key", forms.ValidationError(error, code="invalid_name"))
        return cleaned


class ObjectCreateFormWithNameRule(_CharacterNameRule, ObjectCreateForm):
    pass


class ObjectEditFormWithNameRule(_CharacterNameRule, ObjectEditForm):
    pass


class GameObjectAdmin(ObjectAdmin):
    form = ObjectEditFormWithNameRule
    add_form = ObjectCreateFormWithNameRule


if admin.site.is_registered(ObjectDB):
    admin.site.unregister(ObjectDB)
admin.site.register(ObjectDB, GameObjectAdmin)
