"""A night of roleplay over telnet against the real server, with no staff: two players meet in
Limbo, one opens a scene, both pose and roll checks, the GM ends it, and the player's
development and trait change by exactly the settings' amounts, once. Then a week of votes,
paid by the weekly job run twice, pays each account once."""

from __future__ import annotations

import json
import re

import pytest
from test_telnet_session import TelnetClient

pytestmark = pytest.mark.slow

# Prints, as JSON, the scene settings and what the test measures: Ayla's Wits and her
# development in it, and how many development rows Corin has. (Read-only: the running server
# caches game objects, so the test moves nobody behind its back; both demo characters are in
# Limbo.)
MEASURE = """
import json
from django.conf import settings
from world.progression.demo.base import demo_character
from world.progression.models import DevelopmentPoints, DevelopmentTransaction
from world.traits.models import CharacterTraitValue

ayla, corin = demo_character("Ayla"), demo_character("Corin")
wits = CharacterTraitValue.objects.get(character=ayla, trait__name="Wits")
points = DevelopmentPoints.objects.filter(character=ayla, trait__name="Wits").first()
print(json.dumps({
    "per_use": settings.PROGRESSION_SCENE_POINTS_PER_USE,
    "cap": settings.PROGRESSION_SCENE_CAP_PER_TRAIT,
    "wits": wits.value,
    "wits_earned": points.total_earned if points else 0,
    "corin_rows": DevelopmentTransaction.objects.filter(character=corin).count(),
}))
"""

# The scene's start an hour back (a row the server reads afresh when it finishes the scene).
BACKDATE = """
from datetime import timedelta
from django.utils import timezone
from world.scenes.models import Scene
Scene.objects.filter(pk={scene_id}).update(date_started=timezone.now() - timedelta(hours=1))
print("{{}}")
"""

# Votes cast in the week before last (so that week is over), from each account for the other.
VOTE_LAST_WEEK = """
import json
from datetime import timedelta
from django.utils import timezone
from world.progression.demo.base import demo_account, demo_character
from world.voting.rules import week_bounds, week_of
from world.voting.services import cast_vote

week = week_of(timezone.now() - timedelta(days=14))
when = week_bounds(week)[0] + timedelta(hours=12)
cast_vote(voter=demo_account("friend"), character=demo_character("Ayla"), now=when)
cast_vote(voter=demo_account("player"), character=demo_character("Corin"), now=when)
print(json.dumps({"week": week}))
"""

PAID = """
import json
from world.progression.models import XPTransaction
print(json.dumps(sorted(
    XPTransaction.objects.filter(idempotency_key__startswith="weekly:{week}:")
    .values_list("account__username", "amount")
)))
"""


def shell(game_server, script: str):
    # Django's shell may print a line about auto-imported models first; the JSON is the last.
    output = game_server.manage("shell", "-c", script).stdout
    return json.loads(output.strip().splitlines()[-1])


def log_in(game_server, account: str, password: str, character: str) -> TelnetClient:
    client = TelnetClient(game_server.host, game_server.telnet_port)
    client.read_until("connect <username> <password>")
    client.send(f"connect {account} {password}")
    assert f"You become {character}." in client.run(f"ic {character}")
    return client


def friend_password(game_server) -> str:
    return json.loads((game_server.game_dir / "server" / ".demo_credentials").read_text())["friend"]


def test_a_scene_played_over_telnet_awards_the_player_exactly_once(game_server, tmp_path):
    corin = log_in(game_server, "friend", friend_password(game_server), "Corin")
    ayla = log_in(game_server, "player", game_server.player_password, "Ayla")
    try:
        # The demo's open scene in Limbo is Corin's: he closes it to start his own.
        assert re.search(r"is finished|no open scene", corin.run("scene/end"))
        before = shell(game_server, MEASURE)
        started = corin.run("scene/start Sparring at Dusk")
        assert "You start scene #" in started and "as its GM" in started
        scene_id = re.search(r"scene #(\d+)", started)[1]

        assert "Ayla circles" in ayla.run("pose circles the post, testing her footing.")
        corin.run("say Again, and mind your left.")
        # The farming guard wants two players who each posed three times.
        ayla.run("pose feints high and cuts low.")
        corin.run("pose steps back, nodding.")
        ayla.run("pose lowers her blade, breathing hard.")
        corin.run("say Better. Once more tomorrow.")
        for typed in ("check wits", "check wits vs 5"):
            checked = ayla.run(typed)
            assert re.search(
                r"Ayla checks Wits: \d+d\d+ \([\d+]+\) \+ rating \d+ = \d+ vs \d+", checked
            ), checked
            assert f"(scene #{scene_id})" in checked
        corin.run("check wits")  # the GM's own checks earn nothing

        roster = ayla.run("scene")
        assert re.search(r"^Ayla +player +3\s*$", roster, re.MULTILINE), roster
        assert re.search(r"^Corin +GM +3\s*$", roster, re.MULTILINE), roster
        assert "Again, and mind your left." in ayla.run("scene/log")
        # ... and a scene of some length: as if this sparring had taken the hour it reads as.
        shell(game_server, BACKDATE.format(scene_id=scene_id))

        expected = min(2 * before["per_use"], before["cap"])
        ended = corin.run("scene/end")
        assert f"is finished: {expected} development point" in ended
        assert "It qualified: 2 players" in " ".join(ended.split())
        # The player is told, in a line of her own, what she earned (the GM only how many).
        ayla.read_until(f"Ayla earned {expected} development in Wits (scene: Scene #{scene_id}")
        after = shell(game_server, MEASURE)
        assert after["wits_earned"] - before["wits_earned"] == expected
        assert after["wits"] - before["wits"] == expected
        assert after["corin_rows"] == before["corin_rows"]

        assert "There is no open scene here." in corin.run("scene/end")
        assert shell(game_server, MEASURE) == after
        for output in (started, roster, ended, checked):
            assert max(len(line) for line in output.splitlines()) <= 80
        (tmp_path / "play-transcript.txt").write_text(
            "\n".join([*ayla.transcript, "----", *corin.transcript])
            .replace(game_server.player_password, "<password>")
            .replace(friend_password(game_server), "<password>")
        )
    finally:
        corin.close()
        ayla.close()


def test_a_week_of_votes_is_paid_once_however_often_the_job_runs(game_server):
    ayla = log_in(game_server, "player", game_server.player_password, "Ayla")
    try:
        # The demo has the player vote for Corin this week.
        assert "you voted for Corin." in ayla.run("vote")
        assert "You have already voted for Corin this week." in ayla.run("vote corin")
        assert "You cannot vote for your own characters." in ayla.run("vote bren")
    finally:
        ayla.close()
    week = shell(game_server, VOTE_LAST_WEEK)["week"]

    first = game_server.manage("progression_week", "--week", week).stdout
    second = game_server.manage("progression_week", "--week", week).stdout

    assert first.strip() == f"{week}: paid 2 accounts 6 XP; 0 already paid; 0 over the hoard cap."
    assert second.strip() == f"{week}: paid 0 accounts 0 XP; 2 already paid; 0 over the hoard cap."
    assert shell(game_server, PAID.replace("{week}", week)) == [["friend", 3], ["player", 3]]

    # The player was away while the week was paid: the next login says so.
    ayla = TelnetClient(game_server.host, game_server.telnet_port)
    try:
        ayla.read_until("connect <username> <password>")
        ayla.send(f"connect player {game_server.player_password}")
        summary = ayla.read_until(f"System award (Week {week}")
        assert "While you were away" in summary, summary
        assert f"+3 account XP: System award (Week {week}" in ayla.run("xp/away")
    finally:
        ayla.close()
