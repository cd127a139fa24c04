"""The load run's players, made in the game's database before the server starts (run inside
`manage.py shell` by the driver): accounts with a character each, in rooms of a few players,
with traits, a first class level, account XP and kudos to spend, and the demo shop to buy from.

Everything goes through the game's own creation helpers and progression services, so the
ledgers the audit checks at the end start out consistent. Prints the players as JSON.
"""

from __future__ import annotations

import json
import os

# Demo traits a load character starts with (0-100 scale). Strength and Swordsmanship meet the
# demo shop's Warrior 2 and 3 requirements and Lore Scholar 2's, so purchases can go on.
STARTING_TRAITS = {
    "Strength": 26,
    "Dexterity": 22,
    "Charm": 18,
    "Wits": 20,
    "Swordsmanship": 21,
    "Persuasion": 14,
    "Alchemy": 9,
    "Lore": 13,
}
STARTING_XP = 1500  # more than every unlock in the demo shop costs, so buying never runs dry
STARTING_KUDOS = 300  # thirty kudos/claim xp = 10 claims


def account_key(tag: str, index: int) -> str:
    return f"load{tag}{index:03d}"


def character_key(tag: str, index: int) -> str:
    return f"Runner{tag}{index:03d}"


def create_players(*, players: int, room_size: int, password: str, tag: str = "") -> list[dict]:
    """`tag` keeps a run's names (and idempotency keys) apart from another run's in the same
    game: a game that is already running, such as the end-to-end tests' shared one."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from evennia.accounts.models import AccountDB
    from evennia.utils import create

    from typeclasses.characters import Character
    from world.classes.models import CharacterClass
    from world.progression.demo.base import STARTING
    from world.progression.models import KudosSourceCategory
    from world.progression.services import award_kudos, award_xp
    from world.progression.services.corrections import correct_class_level, correct_trait_value
    from world.progression.types import ProgressionReason
    from world.traits.models import Trait

    # One hash for every load account: hashing is slow by design, and the accounts share it.
    hashed = make_password(password)
    traits = {trait.name: trait for trait in Trait.objects.filter(name__in=STARTING_TRAITS)}
    warrior = CharacterClass.objects.get(name="Warrior")
    staff_pick = KudosSourceCategory.objects.get(name="staff_pick")
    staff = AccountDB.objects.get(id=1)
    starting = {"reason": ProgressionReason.OTHER, "gm": None, "reason_text": STARTING}
    rooms: dict[int, object] = {}
    made = []
    for index in range(1, players + 1):
        number = (index - 1) // room_size + 1
        if number not in rooms:
            rooms[number] = create.create_object(
                "typeclasses.rooms.Room", key=f"Load room {tag}{number}"
            )
        room = rooms[number]
        with transaction.atomic():
            key = account_key(tag, index)
            account = create.create_account(
                key,
                f"{key}@load.example.com",
                None,
                typeclass="typeclasses.accounts.Account",
                permissions=["Player"],
            )
            account.password = hashed
            account.save(update_fields=["password"])
            character, errors = Character.create(character_key(tag, index), account=account)
            if errors:
                raise RuntimeError(f"could not create {character_key(tag, index)}: {errors}")
            character.location = room
            character.home = room
            account.db._last_puppet = character  # logging in puppets it
            # Starting values through the services, each with its ledger row: the audit
            # after a load run checks trait values and class levels against their ledgers.
            for name, value in STARTING_TRAITS.items():
                correct_trait_value(character, traits[name], value, **starting)
            correct_class_level(character, warrior, 1, **starting)
        award_xp(account, STARTING_XP, description="Load run stake", idempotency_key=f"load:{key}")
        award_kudos(
            account,
            STARTING_KUDOS,
            staff_pick,
            "Load run stake",
            awarded_by=staff,
            idempotency_key=f"load:{key}",
        )
        made.append(
            {
                "account": account.key,
                "character": character.key,
                "character_id": character.pk,
                "room": room.key,
                "gm": (index - 1) % room_size == 0,
            }
        )
    return made


def main() -> None:
    """Entry point for `manage.py shell -c`: parameters come from the environment."""
    made = create_players(
        players=int(os.environ["LOAD_PLAYERS"]),
        room_size=int(os.environ["LOAD_ROOM_SIZE"]),
        password=os.environ["LOAD_PASSWORD"],
        tag=os.environ.get("LOAD_TAG", ""),
    )
    print(json.dumps(made))
