from evennia.objects.models import ObjectDB

from typeclasses.characters import Character
from typeclasses.factories import AccountFactory, CharacterFactory


def test_account_factory_makes_a_typeclassed_account(db):
    account = AccountFactory()
    assert account.pk is not None
    assert account.check_password("correct-horse-battery")
    assert account.is_typeclass("typeclasses.accounts.Account", exact=True)


def test_character_factory_links_the_character_to_its_account(db):
    account = AccountFactory()
    character = CharacterFactory(account=account)
    assert isinstance(character, Character)
    assert character in account.characters.all()
    assert ObjectDB.objects.filter(pk=character.pk).exists()
