"""factory-boy factories for accounts and characters.

They go through Evennia's own creation functions, so typeclasses, locks, permissions and the
account's playable-character list are set up exactly as in the running game.
"""

import factory
from evennia.accounts.models import AccountDB
from evennia.objects.models import ObjectDB
from evennia.utils import create


class AccountFactory(factory.Factory):
    class Meta:
        model = AccountDB

    key = factory.Sequence(lambda n: f"player{n}")
    email = factory.LazyAttribute(lambda o: f"{o.key}@example.com")
    password = "correct-horse-battery"
    typeclass = "typeclasses.accounts.Account"
    permissions = factory.LazyFunction(lambda: ["Player"])

    @classmethod
    def _create(cls, model_class, key, email, password, **kwargs):
        return create.create_account(key, email, password, **kwargs)


class StaffAccountFactory(AccountFactory):
    key = factory.Sequence(lambda n: f"staff{n}")
    permissions = factory.LazyFunction(lambda: ["Admin"])


class CharacterFactory(factory.Factory):
    """A character owned by `account`, created through the typeclass's own `create` (as the
    in-game charcreate command does)."""

    class Meta:
        model = ObjectDB

    key = factory.Sequence(lambda n: f"Character{n}")
    account = factory.SubFactory(AccountFactory)

    @classmethod
    def _create(cls, model_class, key, account=None, **kwargs):
        from typeclasses.characters import Character

        character, errors = Character.create(key, account=account, **kwargs)
        if errors:
            raise ValueError(f"could not create character {key!r}: {errors}")
        return character
