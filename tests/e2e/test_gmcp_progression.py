"""GMCP against the real server: a MUD client that accepts GMCP reads the Char.Progression
package at login and on `ic`, and a new one after staff award its player XP over another
connection."""

from __future__ import annotations

import json
import time

import pytest
from test_telnet_session import READ_TIMEOUT, TelnetClient

from bench.load.telnet import TelnetDecoder

pytestmark = pytest.mark.slow

GMCP = 201
PACKAGE = "Char.Progression"


class GmcpClient(TelnetClient):
    """The telnet test client, but answering the server's IAC WILL GMCP with IAC DO GMCP and
    keeping the Char.Progression packages it is sent."""

    def __init__(self, host: str, port: int):
        super().__init__(host, port)
        self.telnet = TelnetDecoder(accept={GMCP})
        self.read = 0  # packages already returned by next_package

    def packages(self) -> list[dict]:
        found = []
        for payload in self.telnet.subnegotiations:
            if payload[:1] == bytes([GMCP]):
                name, _, body = payload[1:].decode().partition(" ")
                if name == PACKAGE:
                    found.append(json.loads(body))
        return found

    def latest_package(self) -> dict:
        """The last package received so far (after `run`, everything the command caused)."""
        received = self.packages()
        assert received, f"no {PACKAGE} package received"
        self.read = len(received)
        return received[-1]

    def next_package(self) -> dict:
        """The first package after those already read; fails after READ_TIMEOUT seconds
        without one."""
        deadline = time.monotonic() + READ_TIMEOUT
        while True:
            received = self.packages()
            if len(received) > self.read:
                self.read += 1
                return received[self.read - 1]
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no {PACKAGE} package as wanted; got {received}")
            self.sock.settimeout(left)
            try:
                chunk = self.sock.recv(4096)
            except TimeoutError:
                continue
            if not chunk:
                raise AssertionError(f"connection closed before a {PACKAGE} package")
            self._feed(chunk)


@pytest.fixture
def gmcp_player(game_server):
    client = GmcpClient(game_server.host, game_server.telnet_port)
    yield client
    client.close()


@pytest.fixture
def staff(game_server):
    client = TelnetClient(game_server.host, game_server.telnet_port)
    client.read_until("connect <username> <password>")
    client.send(f"connect admin {game_server.admin_password}")
    yield client
    client.close()


def test_gmcp_client_reads_progression_before_and_after_an_award(game_server, gmcp_player, staff):
    gmcp_player.read_until("connect <username> <password>")
    gmcp_player.send(f"connect player {game_server.player_password}")
    at_login = gmcp_player.next_package()
    assert set(at_login) == {"xp", "kudos", "character"}

    assert "You become Ayla." in gmcp_player.run("ic Ayla")
    before = gmcp_player.latest_package()
    assert before["character"]["name"] == "Ayla"
    assert set(before["character"]["xp"]) == {"locked", "transferable"}

    assert "You award" in staff.run("xp/award player = 7 : GMCP test")

    after = gmcp_player.next_package()
    assert after["xp"]["available"] == before["xp"]["available"] + 7
    assert after["xp"]["earned"] == before["xp"]["earned"] + 7
    assert after["character"] == before["character"]
