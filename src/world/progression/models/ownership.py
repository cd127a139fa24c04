"""Which account a character belongs to, in a form the database can answer."""

from django.db import models
from evennia.accounts.models import AccountDB
from evennia.objects.models import ObjectDB


class CharacterOwner(models.Model):
    """The account that lists `character` among its playable characters.

    Evennia keeps that list as a pickled attribute on the account (`account.characters`), which
    no query can search; the Account typeclass's add/remove hooks keep this row equal to it, so
    "who owns this character" is one indexed lookup.
    """

    character = models.OneToOneField(
        ObjectDB, primary_key=True, on_delete=models.CASCADE, related_name="progression_owner"
    )
    account = models.ForeignKey(
        AccountDB, on_delete=models.CASCADE, related_name="progression_characters"
    )

    class Meta:
        verbose_name = "character owner"

    def __str__(self) -> str:
        return f"{self.character_id} owned by {self.account_id}"
