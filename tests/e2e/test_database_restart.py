"""The game survives its database going away and coming back, without a restart.

The game reaches PostgreSQL through a TCP proxy this test owns, so cutting the database is
closing the proxy's connections (and refusing new ones) and restoring it is accepting again:
the shared PostgreSQL server itself is never touched.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import threading
import urllib.parse
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import GameServer, _database_url, running_game
from test_server import WebClient
from test_telnet_session import TelnetClient

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

UNREACHABLE = "The game cannot reach its database right now; try again in a moment."


class DatabaseProxy:
    """Forwards TCP connections to `upstream` until cut(); restore() lets them through again."""

    def __init__(self, upstream: tuple[str, int]):
        self.upstream = upstream
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.passing = threading.Event()
        self.passing.set()
        self.lock = threading.Lock()
        self.sockets: set[socket.socket] = set()
        threading.Thread(target=self._accept, daemon=True).start()

    def cut(self) -> None:
        self.passing.clear()
        with self.lock:
            sockets, self.sockets = self.sockets, set()
        for sock in sockets:
            _drop(sock)

    def restore(self) -> None:
        self.passing.set()

    def close(self) -> None:
        self.cut()
        _drop(self.listener)

    def _accept(self) -> None:
        while True:
            try:
                client, _address = self.listener.accept()
            except OSError:
                return  # closed
            if not self.passing.is_set():
                _drop(client)
                continue
            try:
                server = socket.create_connection(self.upstream)
            except OSError:
                _drop(client)
                continue
            with self.lock:
                self.sockets |= {client, server}
            for source, target in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                target.sendall(data)
        _drop(source)
        _drop(target)


def _drop(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        sock.close()


@pytest.fixture(scope="module")
def database_proxy() -> Iterator[DatabaseProxy]:
    url = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
    proxy = DatabaseProxy((url.hostname or "127.0.0.1", url.port or 5432))
    yield proxy
    proxy.close()


@pytest.fixture(scope="module")
def proxied_game(tmp_path_factory, database_proxy) -> Iterator[GameServer]:
    tmp = tmp_path_factory.mktemp("proxied-game")
    direct = urllib.parse.urlsplit(_database_url(tmp, suffix="_e2e_restart"))
    user = direct.netloc.rpartition("@")[0]
    through_proxy = direct._replace(netloc=f"{user}@127.0.0.1:{database_proxy.port}")
    with running_game(tmp, through_proxy.geturl()) as server:
        yield server


def _logged_in(game: GameServer) -> TelnetClient:
    telnet = TelnetClient(game.host, game.telnet_port)
    telnet.read_until("connect <username> <password>")
    telnet.send(f"connect player {game.player_password}")
    telnet.read_until("You become")
    return telnet


def test_a_player_gets_one_line_while_the_database_is_away_and_plays_on_after(
    proxied_game, database_proxy
):
    telnet = _logged_in(proxied_game)
    assert "Account XP:" in telnet.run("xp")

    database_proxy.cut()
    try:
        telnet.send("xp")
        telnet.read_until(UNREACHABLE)
        telnet.send("kudos")
        between = telnet.read_until(UNREACHABLE)
    finally:
        database_proxy.restore()

    # Everything the game sent for the second command is that one line.
    assert between.strip() == UNREACHABLE, between
    assert "Traceback" not in "\n".join(telnet.transcript)
    assert "Account XP:" in telnet.run("xp")
    telnet.close()


def test_a_login_while_the_database_is_away_gets_one_line_and_a_later_login_works(
    proxied_game, database_proxy
):
    telnet = TelnetClient(proxied_game.host, proxied_game.telnet_port)
    telnet.read_until("connect <username> <password>")
    database_proxy.cut()
    try:
        telnet.send(f"connect player {proxied_game.player_password}")
        telnet.read_until(UNREACHABLE)
    finally:
        database_proxy.restore()
    telnet.send(f"connect player {proxied_game.player_password}")
    telnet.read_until("You become")
    assert "Account XP:" in telnet.run("xp")
    assert "Traceback" not in "\n".join(telnet.transcript)
    telnet.close()


def test_the_api_answers_json_while_the_database_is_away_and_serves_again_after(
    proxied_game, database_proxy
):
    # The web server's threads keep their connections between requests (CONN_MAX_AGE). Players
    # reading at once put several threads to work, each with a connection; the database going
    # away kills them all, and every one must be opened anew once it is back.
    players = [WebClient(proxied_game.base_url) for _ in range(6)]
    for player in players:
        player.log_in("player", proxied_game.player_password)

    def all_read_the_dashboard():
        with ThreadPoolExecutor(len(players)) as pool:
            answers = list(pool.map(lambda p: p.get("/api/progression/account/"), players))
        for status, _url, body in answers:
            assert status == 200, body
            assert "current_available" in json.loads(body)["xp"]

    all_read_the_dashboard()
    all_read_the_dashboard()

    database_proxy.cut()
    try:
        status, _url, body = players[0].get("/api/progression/account/")
    finally:
        database_proxy.restore()

    assert status == 503, body
    assert json.loads(body)["code"] == "database_unavailable"
    for _ in range(3):
        all_read_the_dashboard()
