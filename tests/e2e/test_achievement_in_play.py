"""An achievement earned in play opens a class level, against the real server over telnet: two new
players meet, the Wayfarer's first level needs the "First scene" achievement and cannot be
bought; they play a scene that counts, the player is told she earned it, reads it in
`achievements`, and buys the level with `unlock/confirm`."""

from __future__ import annotations

import re
import secrets

import pytest
from test_play_scene import BACKDATE, shell
from test_telnet_session import TelnetClient

from bench.load import driver

pytestmark = pytest.mark.slow

# A class only this test sells: level 1 at 10 XP, for characters who earned "First scene".
WAYFARER = """
from world.classes.models import CharacterClass
from world.progression.models import (
    AchievementRequirement, ClassLevelUnlock, ClassXPCost, XPCostChart, XPCostEntry,
)
wayfarer, _ = CharacterClass.objects.get_or_create(name="Wayfarer")
chart, _ = XPCostChart.objects.get_or_create(name="Achievement test chart")
XPCostEntry.objects.get_or_create(chart=chart, level=1, defaults={"xp_cost": 10})
ClassXPCost.objects.get_or_create(character_class=wayfarer, defaults={"cost_chart": chart})
level, _ = ClassLevelUnlock.objects.get_or_create(character_class=wayfarer, target_level=1)
AchievementRequirement.objects.get_or_create(
    class_level_unlock=level, achievement_key="first_scene", description="First scene")
print("{}")
"""


def log_in(game_server, player: dict, password: str) -> TelnetClient:
    client = TelnetClient(game_server.host, game_server.telnet_port)
    client.read_until("connect <username> <password>")
    client.send(f"connect {player['account']} {password}")
    assert f"You become {player['character']}." in client.run(f"ic {player['character']}")
    return client


def test_an_achievement_earned_in_a_scene_opens_a_class_level(game_server, tmp_path):
    password = secrets.token_urlsafe(16)
    # Two new players in a room of their own (their own accounts and emails, 1500 XP each).
    gm_player, player = driver.make_players(
        game_server, players=2, password=password, tag="Ach", seed_demo=False
    )
    shell(game_server, WAYFARER)
    gm = log_in(game_server, gm_player, password)
    her = log_in(game_server, player, password)
    name = player["character"]
    try:
        locked = her.run("unlock wayfarer 1")
        assert "Wayfarer level 1 (10 XP) is locked: Need achievement: First scene" in locked
        refused = her.run("unlock/confirm wayfarer 1")
        assert "Need achievement: First scene (not yet earned)" in refused
        assert re.search(r"^First scene +not started", her.run("achievements"), re.MULTILINE)

        started = gm.run("scene/start The Long Road")
        scene_id = re.search(r"scene #(\d+)", started)[1]
        # The farming guard wants two players who each posed three times.
        for line in ("shoulders her pack.", "reads the milestone.", "sets off north."):
            her.run(f"pose {line}")
            gm.run("pose points the way.")
        shell(game_server, BACKDATE.format(scene_id=scene_id))
        ended = gm.run("scene/end")
        assert "It qualified: 2 players" in " ".join(ended.split()), ended

        # Told once the scene's finish committed, in a line of her own.
        her.read_until(f"{name} earned the achievement First scene.")
        listed = her.run("achievements")
        assert re.search(r"^First scene +earned \d{4}-\d\d-\d\d", listed, re.MULTILINE), listed
        assert re.search(r"^Regular +1/10", listed, re.MULTILINE), listed
        assert "unlock Wayfarer 1" in her.run("unlocks")  # on offer, with how to buy it
        bought = her.run("unlock/confirm wayfarer 1")
        assert "You unlock Wayfarer level 1 for 10 XP" in bought

        for output in (locked, refused, listed, bought):
            assert max(len(line) for line in output.splitlines()) <= 80
        (tmp_path / "achievement-transcript.txt").write_text(
            "\n".join([*her.transcript, "----", *gm.transcript]).replace(password, "<password>")
        )
    finally:
        gm.close()
        her.close()
