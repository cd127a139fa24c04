"""A big game for measuring: thousands of accounts and characters and a year of ledgers,
written with bulk inserts (`manage.py progression_generate`, and `make bench` at its big size).

Accounts and characters are the rows Evennia's own creation functions would write (typeclass,
locks, command set, the player permission, the account's playable-character list, the
`CharacterOwner` mirror that `selectors.accounts.owner_of` reads), without hashing a password for
each: generated accounts get unusable passwords, so nobody can log in as one. The ledgers are in
`generate_ledgers`; every balance written equals its ledger, so `progression_audit` is clean.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from .bulk import IdCounter, Inserter, analyze, reset_sequences

FIRST_NAMES = (
    "Aldric",
    "Bryn",
    "Cato",
    "Dara",
    "Elowen",
    "Fenn",
    "Galen",
    "Hesper",
    "Ilsa",
    "Joren",
    "Kestrel",
    "Liora",
    "Maren",
    "Nox",
    "Orla",
    "Piran",
    "Quill",
    "Rhosyn",
    "Soren",
    "Tamsin",
    "Ulric",
    "Vesna",
    "Wren",
    "Xander",
    "Yara",
    "Zephyr",
    "Ansel",
    "Brisa",
    "Corwin",
    "Delphine",
    "Emrys",
    "Faye",
    "Gideon",
    "Hale",
    "Isolde",
    "Jasper",
    "Kaia",
    "Lucan",
    "Mira",
    "Niall",
)
MAILBOXES = ("example.com", "example.org", "example.net", "gmail.com", "mail.test")
# What Evennia's create functions write for a player account and character (its lock strings
# and the Player permission), so the generated rows behave like ones players made.
ACCOUNT_LOCKS = (
    "examine:perm(Admin);edit:perm(Admin);delete:perm(Admin);boot:perm(Admin);msg:all();"
    "noidletimeout:perm(Builder) or perm(noidletimeout)"
)
CHARACTER_LOCKS = (
    "control:perm(Developer);examine:perm(Builder);view:all();edit:pid({account}) or perm(Admin);"
    "delete:pid({account}) or perm(Admin);get:false();drop:holds();call:false();tell:perm(Admin);"
    "puppet:pid({account}) or id({character}) or perm(Developer) or pperm(Developer);"
    "teleport:perm(Admin);teleport_here:perm(Admin)"
)
ATTRIBUTE_LOCKS = "attrread:perm(Admins);attredit:perm(Admins);attrcreate:perm(Admins);"
YEAR = timedelta(days=365)


@dataclass(frozen=True)
class GameSize:
    accounts: int
    characters: int
    ledger_rows: int


SMALL = GameSize(accounts=1_000, characters=3_000, ledger_rows=100_000)
BIG = GameSize(accounts=10_000, characters=30_000, ledger_rows=1_000_000)


@dataclass(frozen=True)
class Account:
    id: int
    joined: datetime


@dataclass(frozen=True)
class Character:
    id: int
    account_id: int
    created: datetime
    primary_class_id: int


def generate(
    size: GameSize, *, seed: int = 0, progress: Callable[[str], None] | None = None
) -> dict[str, int]:
    """Add `size` to the database in one transaction; returns rows written per table."""
    from evennia.accounts.models import AccountDB
    from evennia.objects.models import ObjectDB
    from evennia.typeclasses.attributes import Attribute

    from world.progression.models import CharacterUnlock, KudosTransaction

    from .generate_ledgers import write_ledgers
    from .generate_tables import Catalogue

    say = progress or (lambda _text: None)
    rng = random.Random(seed)
    now = timezone.now()
    started = time.perf_counter()
    with transaction.atomic():
        catalogue = Catalogue.load()
        accounts = _accounts(size.accounts, rng, now)
        say(f"{len(accounts):,} accounts ({time.perf_counter() - started:.1f} s)")
        characters = _characters(size.characters, accounts, catalogue, rng, now)
        say(f"{len(characters):,} characters ({time.perf_counter() - started:.1f} s)")
        counts = write_ledgers(
            catalogue, accounts, characters, size.ledger_rows, rng=rng, now=now, say=say
        )
        reset_sequences([AccountDB, ObjectDB, Attribute, KudosTransaction, CharacterUnlock])
    analyze(
        [
            AccountDB,
            ObjectDB,
            Attribute,
            AccountDB.db_attributes.through,
            AccountDB.db_tags.through,
            ObjectDB.db_tags.through,
            *catalogue.written_models(),
        ]
    )
    say(f"done in {time.perf_counter() - started:.1f} s")
    return {"accounts": len(accounts), "characters": len(characters), **counts}


def _accounts(count: int, rng: random.Random, now: datetime) -> list[Account]:
    from evennia.accounts.models import AccountDB
    from evennia.typeclasses.tags import Tag

    ids = IdCounter(AccountDB)
    rows = Inserter(
        AccountDB,
        (
            "id",
            "password",
            "is_superuser",
            "username",
            "first_name",
            "last_name",
            "email",
            "is_staff",
            "is_active",
            "date_joined",
            "db_key",
            "db_typeclass_path",
            "db_date_created",
            "db_lock_storage",
            "db_is_connected",
            "db_cmdset_storage",
            "db_is_bot",
        ),
    )
    accounts = []
    email = ""
    for n in range(count):
        pk = ids.take()
        username = f"{rng.choice(FIRST_NAMES)}{pk}"
        # One account in fifty is someone's second account on the same mailbox (plus-addressed),
        # for the report's possible-alts section to find.
        if n % 50 == 49 and email:
            local, _, domain = email.partition("@")
            email = f"{local}+alt@{domain}"
        else:
            email = f"{username.lower()}@{rng.choice(MAILBOXES)}"
        joined = now - YEAR + timedelta(seconds=rng.uniform(0, YEAR.total_seconds() * 0.9))
        # An unusable password ("!" and random text): nothing to hash, and nobody logs in.
        rows.add(
            (
                pk,
                make_password(None),
                False,
                username,
                "",
                "",
                email,
                False,
                True,
                joined,
                "",
                settings.BASE_ACCOUNT_TYPECLASS,
                joined,
                ACCOUNT_LOCKS,
                False,
                settings.CMDSET_ACCOUNT,
                False,
            )
        )
        accounts.append(Account(pk, joined))
    rows.flush()
    _tag_players(AccountDB, "accountdb", [a.id for a in accounts], Tag)
    return accounts


def _characters(count, accounts, catalogue, rng: random.Random, now: datetime) -> list[Character]:
    from evennia.objects.models import ObjectDB
    from evennia.typeclasses.tags import Tag

    from world.progression.models import CharacterOwner

    limbo = ObjectDB.objects.filter(pk=2).values_list("pk", flat=True).first()
    ids = IdCounter(ObjectDB)
    rows = Inserter(
        ObjectDB,
        (
            "id",
            "db_key",
            "db_typeclass_path",
            "db_date_created",
            "db_lock_storage",
            "db_location_id",
            "db_home_id",
            "db_cmdset_storage",
        ),
    )
    owners = Inserter(CharacterOwner, ("character_id", "account_id"))
    # Every account plays at least one character; the rest go to random accounts.
    players = [accounts[n % len(accounts)] for n in range(min(count, len(accounts)))]
    players += rng.choices(accounts, k=count - len(players))
    characters = []
    for account in players:
        pk = ids.take()
        created = account.joined + timedelta(
            seconds=rng.uniform(0, (now - account.joined).total_seconds() * 0.5)
        )
        rows.add(
            (
                pk,
                f"{rng.choice(FIRST_NAMES)}{pk}",
                "typeclasses.characters.Character",
                created,
                CHARACTER_LOCKS.format(account=account.id, character=pk),
                limbo,
                limbo,
                settings.CMDSET_CHARACTER,
            )
        )
        owners.add((pk, account.id))
        characters.append(Character(pk, account.id, created, rng.choice(catalogue.class_ids)))
    rows.flush()
    owners.flush()
    _tag_players(ObjectDB, "objectdb", [c.id for c in characters], Tag)
    _playable_characters(characters)
    return characters


def _tag_players(model, model_name: str, ids: list[int], tag_model) -> None:
    """The Player permission, as Evennia stores it: one shared tag, one link row per owner."""
    tag, _ = tag_model.objects.get_or_create(
        db_key="player", db_category=None, db_tagtype="permission", db_model=model_name
    )
    through = model.db_tags.through
    links = Inserter(through, (f"{model_name}_id", "tag_id"))
    links.extend((pk, tag.pk) for pk in ids)
    links.flush()


def _playable_characters(characters: list[Character]) -> None:
    """Each account's `_playable_characters` attribute (what `account.characters` lists), in
    the form Evennia's serializer stores a list of database objects."""
    from evennia.accounts.models import AccountDB
    from evennia.typeclasses.attributes import Attribute

    by_account: dict[int, list[Character]] = {}
    for character in characters:
        by_account.setdefault(character.account_id, []).append(character)
    value_field = Attribute._meta.get_field("db_value")
    ids = IdCounter(Attribute)
    attributes = Inserter(
        Attribute,
        ("id", "db_key", "db_value", "db_lock_storage", "db_model", "db_date_created"),
    )
    links = Inserter(AccountDB.db_attributes.through, ("accountdb_id", "attribute_id"))
    for account_id, owned in by_account.items():
        pk = ids.take()
        packed = [
            (
                "__packed_dbobj__",
                ("objects", "objectdb"),
                c.created.strftime("%Y:%m:%d-%H:%M:%S:%f"),
                c.id,
            )
            for c in owned
        ]
        attributes.add(
            (
                pk,
                "_playable_characters",
                value_field.get_db_prep_value(packed),
                ATTRIBUTE_LOCKS,
                "accountdb",
                owned[0].created,
            )
        )
        links.add((account_id, pk))
    attributes.flush()
    links.flush()
