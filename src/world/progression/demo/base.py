"""The game's owner account, Limbo, a demo player with two characters, traits and classes.

Passwords are never literals in the code: they come from DEMO_ADMIN_PASSWORD and
DEMO_PLAYER_PASSWORD, or are generated on the first run and kept in src/server/.demo_credentials
(not committed) so later runs print the same ones.
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

from django.conf import settings

ADMIN_KEY = "admin"
PLAYER_KEY = "player"
FRIEND_KEY = "friend"
CHARACTER_KEYS = ("Ayla", "Bren")
FRIEND_CHARACTER_KEY = "Corin"
STARTING = "Starting value at character creation"

TRAITS = [
    # name, type, category, starting values for Ayla and Bren (1-100 scale; 25 shows as 2.5)
    ("Strength", "stat", "physical", 28, 19),
    ("Dexterity", "stat", "physical", 24, 31),
    ("Charm", "stat", "social", 18, 26),
    ("Wits", "stat", "mental", 22, 17),
    ("Swordsmanship", "skill", "combat", 19, 12),
    ("Persuasion", "skill", "social", 11, 29),
    ("Alchemy", "skill", "crafting", 8, 15),
    ("Lore", "skill", "mental", 15, 9),
]
CLASSES = [
    ("Warrior", "Masters of arms and armour."),
    ("Scholar", "Seekers of lore and hidden knowledge."),
    ("Rogue", "Quick hands, quicker wits."),
]


def credentials_file() -> Path:
    return Path(settings.GAME_DIR) / "server" / ".demo_credentials"


def demo_passwords() -> dict[str, str]:
    """{account key: password}, from the environment, the credentials file, or made now."""
    path = credentials_file()
    stored = json.loads(path.read_text()) if path.exists() else {}
    passwords = {}
    for key, env in ((ADMIN_KEY, "DEMO_ADMIN_PASSWORD"), (PLAYER_KEY, "DEMO_PLAYER_PASSWORD")):
        passwords[key] = os.environ.get(env) or stored.get(key) or secrets.token_urlsafe(12)
    passwords[FRIEND_KEY] = stored.get(FRIEND_KEY) or secrets.token_urlsafe(12)
    if passwords != stored:
        path.write_text(json.dumps(passwords))
        path.chmod(0o600)
    return passwords


def demo_account(key: str):
    from evennia.accounts.models import AccountDB

    return AccountDB.objects.get(username__iexact=key)


def demo_character(key: str):
    from evennia.objects.models import ObjectDB

    return ObjectDB.objects.get(
        db_key__iexact=key, db_typeclass_path="typeclasses.characters.Character"
    )


def seed() -> None:
    from evennia.accounts.models import AccountDB
    from evennia.server.models import ServerConfig

    from world.classes.models import CharacterClassLevel
    from world.progression.services.corrections import correct_class_level, correct_trait_value
    from world.progression.types import ProgressionReason
    from world.traits.models import CharacterTraitValue

    passwords = demo_passwords()
    admin = AccountDB.objects.filter(id=1).first()
    if admin is None:
        admin = AccountDB.objects.create_superuser(ADMIN_KEY, "", passwords[ADMIN_KEY])
    if not ServerConfig.objects.conf("last_initial_setup_step"):
        # Evennia's own first-start setup (superuser's character #1, Limbo #2) runs now, before
        # any demo character could take those ids. Done here, it is done: the server would
        # otherwise finish it on its first start by restarting itself once, which drops the
        # first players to connect back to the login screen ("... Server restarted.").
        import time

        from evennia.server import initial_setup

        initial_setup.create_objects()
        initial_setup.at_initial_setup()
        ServerConfig.objects.conf("server_epoch", time.time())
        ServerConfig.objects.conf("last_initial_setup_step", "done")

    _describe_limbo()
    player = _account(PLAYER_KEY, passwords[PLAYER_KEY])
    friend = _account(FRIEND_KEY, passwords[FRIEND_KEY])

    traits, classes = traits_and_classes()

    characters = [_character(key, player) for key in CHARACTER_KEYS]
    corin = _character(FRIEND_CHARACTER_KEY, friend)
    # Logging in puppets the last character played; start the demo players in character.
    for account, character in ((player, characters[0]), (friend, corin)):
        if not account.db._last_puppet:
            account.db._last_puppet = character
    # Starting values and classes go through the services, so each has its ledger row and the
    # audit stays clean on the demo game.
    starting = {"reason": ProgressionReason.OTHER, "gm": None, "reason_text": STARTING}
    for index, character in enumerate(characters):
        for name, _type, _category, *values in TRAITS:
            held = CharacterTraitValue.objects.filter(character=character, trait=traits[name])
            if values[index] and not held.exists():
                correct_trait_value(character, traits[name], values[index], **starting)
    for character, class_name in ((characters[0], "Warrior"), (characters[1], "Scholar")):
        if not CharacterClassLevel.objects.filter(character=character).exists():
            correct_class_level(character, classes[class_name], 1, **starting)


def traits_and_classes() -> tuple[dict, dict]:
    """The demo traits and classes by name, created when missing."""
    from world.classes.models import CharacterClass
    from world.traits.models import Trait

    traits = {}
    for name, trait_type, category, *_ in TRAITS:
        traits[name], _created = Trait.objects.get_or_create(
            name=name, defaults={"trait_type": trait_type, "category": category}
        )
    classes = {}
    for name, description in CLASSES:
        classes[name], _created = CharacterClass.objects.get_or_create(
            name=name, defaults={"description": description}
        )
    return traits, classes


LIMBO_DESCRIPTION = (
    "The quiet room between stories, where characters wait for their next scene.\n"
    "Type |wxp|n, |wkudos|n, |wunlocks|n or |wdev|n to see how your character has grown,\n"
    "and |whelp|n for everything else."
)
# What earlier versions wrote, 97 columns wide: replaced like Evennia's own text.
_EARLIER_DESCRIPTIONS = (LIMBO_DESCRIPTION.replace("grown,\n", "grown, "),)


def _describe_limbo() -> None:
    """Replace Evennia's "welcome to your new game" text in Limbo, once: a description staff
    have written since is left alone."""
    from evennia.objects.models import ObjectDB

    limbo = ObjectDB.objects.filter(id=2).first()
    desc = (limbo.db.desc or "") if limbo is not None else ""
    if limbo is not None and (
        desc.startswith("Welcome to your new") or desc in _EARLIER_DESCRIPTIONS
    ):
        limbo.db.desc = LIMBO_DESCRIPTION


def _account(key: str, password: str):
    from evennia.accounts.models import AccountDB
    from evennia.utils import create

    account = AccountDB.objects.filter(username__iexact=key).first()
    if account is None:
        account = create.create_account(
            key,
            f"{key}@example.com",
            password,
            typeclass=settings.BASE_ACCOUNT_TYPECLASS,
            permissions=["Player"],
        )
    return account


def _character(key: str, account):
    from evennia.objects.models import ObjectDB

    from typeclasses.characters import Character

    existing = ObjectDB.objects.filter(db_key__iexact=key).first()
    if existing is not None:
        return existing
    character, errors = Character.create(key, account=account)
    if errors:
        raise RuntimeError(f"could not create demo character {key}: {errors}")
    limbo = ObjectDB.objects.filter(id=2).first()
    if limbo is not None:
        character.location = limbo
        character.home = limbo
    return character
