"""Parallel writers against the real game: the database serialises them, nobody gets a 500.

On SQLite (the default) this is what `transaction_mode: IMMEDIATE` with a lock timeout is for:
before it, 7 of 8 parallel buys answered an HTML 500 "database is locked".
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from test_server import WebClient

pytestmark = pytest.mark.slow

BUYERS = 8

# Gives the demo player enough account XP for any one unlock; prints nothing.
TOP_UP_PLAYER_XP = """
from world.progression.demo.base import demo_account
from world.progression.services.awards import award_xp
award_xp(demo_account("player"), 500, description="end-to-end test set-up")
"""


def _logged_in_player(game_server) -> WebClient:
    client = WebClient(game_server.base_url)
    client.log_in("player", game_server.player_password)
    return client


def test_eight_parallel_buys_of_one_unlock_answer_one_201_and_seven_409s(game_server):
    game_server.manage("shell", "-c", TOP_UP_PLAYER_XP)
    clients = [_logged_in_player(game_server) for _ in range(BUYERS)]
    status, _url, body = clients[0].get("/api/progression/characters/")
    assert status == 200, body
    offers = []
    for character in json.loads(body):
        shop = json.loads(clients[0].get(f"/api/progression/characters/{character['id']}/shop/")[2])
        offers += [(character["id"], entry) for entry in shop["available"]]
    character_id, entry = min(offers, key=lambda offer: offer[1]["xp_cost"])
    start = Barrier(BUYERS)

    def buy(client: WebClient) -> tuple[int, str]:
        start.wait()
        status, _url, body = client.post_json(
            f"/api/progression/characters/{character_id}/unlocks/",
            {"kind": entry["type"], "id": entry["id"]},
        )
        return status, body

    with ThreadPoolExecutor(BUYERS) as pool:
        answers = list(pool.map(buy, clients))

    statuses = sorted(status for status, _body in answers)
    assert statuses == [201] + [409] * (BUYERS - 1), answers
    for status, body in answers:
        if status == 409:
            assert json.loads(body)["code"] == "already_unlocked", body
