"""Demo scenes: one finished (its development awards show on the dashboard and in the admin) and
one still open, for staff to try `scene/finish Smoke over the Docks` in the game."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from .base import demo_character

FINISHED_SCENE = "The Harvest Tourney"
OPEN_SCENE = "Smoke over the Docks"

# character: ([poses], {trait name: uses})
FINISHED_SCENE_PLAY = {
    "Ayla": (
        [
            "Ayla salutes the stands and draws her blade.",
            "She presses the attack, twice.",
            "Ayla lowers her blade and bows to her opponent.",
        ],
        {"Swordsmanship": 3, "Strength": 1},
    ),
    "Bren": (
        [
            "Bren talks the herald into a second round of wagers.",
            "Bren collects his winnings with a flourish.",
            "Bren buys the next round for the losing side.",
        ],
        {"Persuasion": 2, "Charm": 1},
    ),
    # Corin only poses: a participation point, in Alchemy (Corin has no trait values yet, so the
    # first public trait by name).
    "Corin": (
        [
            "Corin cheers from the rail, spilling his cider.",
            "Corin shouts advice nobody asked for.",
            "Corin toasts the winner with what cider is left.",
        ],
        {},
    ),
}
OPEN_SCENE_PLAY = {
    "Ayla": (["Ayla vaults a crate to reach the burning warehouse."], {"Dexterity": 2}),
    "Bren": (["Bren recalls which guild owns the warehouse."], {"Lore": 1}),
}


def seed() -> None:
    from evennia.accounts.models import AccountDB

    from world.scenes.models import Scene
    from world.scenes.services import finish_scene

    finished, _created = Scene.objects.get_or_create(
        name=FINISHED_SCENE,
        defaults={"description": "Jousts, sword bouts and wagers at the autumn fair."},
    )
    if not finished.is_finished:
        _play(finished, FINISHED_SCENE_PLAY)
        # An afternoon's tourney: long enough for the farming guard (PROGRESSION_SCENE_MIN_*).
        Scene.objects.filter(pk=finished.pk).update(
            date_started=timezone.now() - timedelta(hours=2)
        )
        finished.refresh_from_db()
        finish_scene(finished, finished_by=AccountDB.objects.filter(id=1).first())

    open_scene, _created = Scene.objects.get_or_create(
        name=OPEN_SCENE, defaults={"description": "A fire on the wharf, and questions after."}
    )
    if not open_scene.is_finished:
        _play(open_scene, OPEN_SCENE_PLAY)


def _play(scene, play) -> None:
    """Record who took part, what they posed and which traits they used; safe to repeat."""
    from world.scenes.models import SceneMessage, SceneParticipation, SceneTraitUse
    from world.traits.models import Trait

    posed = scene.messages.exists()
    traits = {trait.name: trait for trait in Trait.objects.all()}
    for key, (poses, uses) in play.items():
        character = demo_character(key)
        SceneParticipation.objects.get_or_create(
            scene=scene,
            character=character,
            defaults={"account": character.db_account or character.credited_account()},
        )
        if not posed:
            SceneMessage.objects.bulk_create(
                SceneMessage(scene=scene, character=character, content=text) for text in poses
            )
        for trait_name, count in uses.items():
            SceneTraitUse.objects.get_or_create(
                scene=scene, character=character, trait=traits[trait_name], defaults={"uses": count}
            )
