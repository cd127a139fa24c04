"""Demo play for `make run`: an open scene in Limbo with a few poses, and votes cast this week,
so a new player sees the loop at once (`scene`, `scene/log`, `vote`). Safe to run again."""

from __future__ import annotations

import contextlib

from world.progression.demo.base import demo_account, demo_character

LIMBO_SCENE = "Evening in Limbo"
LIMBO_POSES = [
    ("Corin", "Corin lights the lamps one by one and waits for company."),
    ("Bren", 'Bren says, "Anyone up for a wager on tomorrow\'s bouts?"'),
]
# voter account: characters it votes for this week
VOTES = {"friend": ["Ayla", "Bren"], "player": ["Corin"]}


def seed() -> None:
    from django.conf import settings
    from evennia.objects.models import ObjectDB

    from world.scenes.selectors import open_scene_in
    from world.scenes.services import record_message, start_scene
    from world.voting.exceptions import AlreadyVotedError
    from world.voting.services import cast_vote

    limbo = ObjectDB.objects.filter(pk=int(str(settings.DEFAULT_HOME).lstrip("#"))).first()
    if limbo is not None and open_scene_in(limbo) is None:
        start_scene(room=limbo, character=demo_character("Corin"), name=LIMBO_SCENE)
        for key, text in LIMBO_POSES:
            record_message(room=limbo, character=demo_character(key), content=text)
    for voter_key, character_keys in VOTES.items():
        for key in character_keys:
            with contextlib.suppress(AlreadyVotedError):  # seeded on an earlier start
                cast_vote(voter=demo_account(voter_key), character=demo_character(key))
