"""A player's telnet session against the real server: log in, read XP, kudos and the shop, buy
an unlock and see it bought, the way a MUD client would (a plain socket answering the telnet
option negotiation with "no" to everything)."""

from __future__ import annotations

import json
import re
import socket
import time

import pytest

from bench.load.telnet import TelnetDecoder, plain_text

pytestmark = pytest.mark.slow

READ_TIMEOUT = 30  # seconds to wait for an expected line
END_MARKER = "zz-end-of-output"
NOT_FOUND_END = 'Type "help" for help.'

# Gives the demo player's account XP and a class only this test buys from (Duelist, level 1 at
# 5 XP), so whatever other end-to-end tests bought does not matter. Prints the XP available.
PREPARE_SHOP = """
import json
from world.classes.models import CharacterClass
from world.progression.demo.base import demo_account
from world.progression.models import (
    ClassLevelUnlock, ClassXPCost, ExperiencePointsData, XPCostChart, XPCostEntry,
)
from world.progression.services.awards import award_xp

player = demo_account("player")
duelist, _ = CharacterClass.objects.get_or_create(name="Duelist")
chart, _ = XPCostChart.objects.get_or_create(name="Telnet test chart")
XPCostEntry.objects.get_or_create(chart=chart, level=1, defaults={"xp_cost": 5})
ClassXPCost.objects.get_or_create(character_class=duelist, defaults={"cost_chart": chart})
ClassLevelUnlock.objects.get_or_create(character_class=duelist, target_level=1)
award_xp(player, 20, description="Telnet test set-up", idempotency_key="e2e:telnet-session")
print(json.dumps({"available": ExperiencePointsData.objects.get(account=player).current_available}))
"""


def _spendable(xp_output: str) -> int:
    """Account XP available plus the character's locked and transferable XP, from `xp`."""
    account = re.search(r"Account XP: (\d+) available", xp_output)
    character = re.search(r"Ayla's XP: (\d+) locked, (\d+) transferable", xp_output)
    assert account and character, xp_output
    return int(account[1]) + int(character[1]) + int(character[2])


class TelnetClient:
    """Just enough telnet: refuses every option the server offers and returns plain text."""

    def __init__(self, host: str, port: int):
        self.sock = socket.create_connection((host, port), timeout=READ_TIMEOUT)
        self.telnet = TelnetDecoder()
        self.text = ""
        self.transcript: list[str] = []

    def close(self) -> None:
        self.sock.close()

    def send(self, line: str) -> None:
        self.transcript.append(f"> {line}")
        self.sock.sendall(line.encode() + b"\r\n")

    def read_until(self, expected: str, *, record: bool = True) -> str:
        deadline = time.monotonic() + READ_TIMEOUT
        while expected not in self.text:
            if time.monotonic() > deadline:
                raise AssertionError(f"never received {expected!r}; got:\n{self.text}")
            chunk = self.sock.recv(4096)
            if not chunk:
                raise AssertionError(f"connection closed before {expected!r}; got:\n{self.text}")
            self._feed(chunk)
        cut = self.text.index(expected) + len(expected)
        received, self.text = self.text[:cut], self.text[cut:]
        if record:
            self.transcript.append(received.strip("\n"))
        return received

    def run(self, command: str) -> str:
        """Send `command` and return everything the server printed for it (an unknown command
        sent after it marks where its output ends)."""
        self.send(command)
        self.sock.sendall(END_MARKER.encode() + b"\r\n")
        output = self.read_until(END_MARKER, record=False)
        self.read_until(NOT_FOUND_END, record=False)  # the rest of the marker's "not found" line
        # What follows the last newline is the start of that line.
        output = output[: output.rfind("\n")]
        self.transcript.append(output.strip("\n"))
        return output

    def _feed(self, data: bytes) -> None:
        text, answers = self.telnet.feed(data)
        if answers:
            self.sock.sendall(answers)
        self.text = plain_text(self.text + text)


@pytest.fixture
def telnet(game_server):
    client = TelnetClient(game_server.host, game_server.telnet_port)
    yield client
    client.close()


def test_player_reads_progression_and_buys_an_unlock_over_telnet(game_server, telnet, tmp_path):
    # Django's shell may print a line about auto-imported models first; the JSON is the last.
    output = game_server.manage("shell", "-c", PREPARE_SHOP).stdout
    prepared = json.loads(output.strip().splitlines()[-1])
    available = prepared["available"]

    telnet.read_until("connect <username> <password>")
    telnet.send(f"connect player {game_server.player_password}")
    assert "You become Ayla." in telnet.run("ic Ayla")

    xp = telnet.run("xp")
    assert f"Account XP: {available} available" in xp
    assert "Ayla's XP:" in xp
    spendable_before = _spendable(xp)
    assert "Telnet test set-up" in xp

    assert "Kudos:" in telnet.run("kudos")

    shop = telnet.run("unlocks")
    assert "Duelist level 1" in shop and "unlock Duelist 1" in shop

    quote = telnet.run("unlock duelist 1")
    assert "Duelist level 1 costs 5 XP" in quote
    assert "unlock/confirm duelist 1" in quote

    assert "You unlock Duelist level 1 for 5 XP:" in telnet.run("unlock/confirm duelist 1")

    assert "Duelist level 1" in telnet.run("unlocks").split("Bought:")[1]
    # Ayla's own XP goes first, then the account's: 5 fewer in all.
    assert _spendable(telnet.run("xp")) == spendable_before - 5
    assert "You already have Duelist level 1." in telnet.run("unlock duelist 1")

    for output in (xp, shop, quote):
        assert max(len(line) for line in output.splitlines()) <= 80
    transcript = "\n".join(telnet.transcript).replace(game_server.player_password, "<password>")
    (tmp_path / "telnet-transcript.txt").write_text(transcript + "\n")
