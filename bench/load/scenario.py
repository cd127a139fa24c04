"""What a load player does: log in, then a weighted mix of the game's commands with think time
between them, until the run's window closes. Every command is timed (telnet.TelnetPlayer) and
recorded under its kind ("xp", "kudos/give", "unlock/confirm", ...).

Players in a room play scenes: the first player of each room is its GM, who opens a scene,
lets the others join, pose, say and roll checks in it, and ends it after a while (the end pays
development to everyone in it). Purchases follow the shop: `unlocks` is read, an unlock it
offers is quoted with `unlock <name>` and bought with `unlock/confirm <name>`.
"""

from __future__ import annotations

import asyncio
import random
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .telnet import TelnetClosed, TelnetPlayer

# Relative weights of what a player types (a GM also opens and ends scenes, see below).
MIX = {
    "xp": 12,
    "xp/history": 5,
    "unlocks": 8,
    "dev": 7,
    "kudos": 6,
    "kudos/give": 3,
    "kudos/claim": 4,
    "unlock": 5,
    "unlock/confirm": 4,
    "pose": 9,
    "say": 9,
    "scene/join": 3,
    "check": 8,
    "scene": 2,
    "(marker)": 2,
}
TRAITS = ("Strength", "Dexterity", "Charm", "Wits", "Swordsmanship", "Persuasion", "Lore")
POSES = (
    "leans on the rail and watches the crowd.",
    "sharpens a blade, slowly.",
    "laughs and raises a cup.",
    "traces a map on the table with one finger.",
)
SAYS = ("Again, and mind your left.", "Who goes there?", "We ride at dawn.", "Not bad at all.")
# A shop row offering an unlock the player can afford, as the `unlocks` table draws it (columns
# apart by spaces, no borders): "Warrior level 2    20 XP  yes     unlock Warrior 2".
AFFORDABLE = re.compile(r"^.*\byes\s+(unlock \S.*?)\s*$", re.MULTILINE)


def affordable_in(shop: str) -> list[str]:
    """What a player would type to quote each unlock the `unlocks` reply offers them and they
    can afford (the part before "Bought:", which lists what they hold)."""
    return AFFORDABLE.findall(shop.split("Bought:")[0])


@dataclass
class Plan:
    """The run's shape, shared by every player."""

    host: str
    port: int
    password: str
    think: tuple[float, float]  # seconds between a reply and the next command
    scene_seconds: tuple[float, float]  # how long a GM keeps a scene open
    timeout: float  # seconds to wait for one reply
    seed: int = 14


@dataclass
class Results:
    """What every player measured, merged: latencies by command kind and errors."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: Counter = field(default_factory=Counter)
    error_examples: list[str] = field(default_factory=list)
    outcomes: Counter = field(default_factory=Counter)
    logged_in: int = 0

    def error(self, kind: str, example: str) -> None:
        self.errors[kind] += 1
        if len(self.error_examples) < 20:
            self.error_examples.append(f"{kind}: {example[:300]}")


class LoadPlayer:
    def __init__(self, index: int, player: dict, others: list[str], plan: Plan, results: Results):
        self.player = player
        self.plan = plan
        self.results = results
        self.others = others  # account names this player may thank with kudos/give
        self.random = random.Random(plan.seed * 1000 + index)
        self.client = TelnetPlayer(f"p{index}", timeout=plan.timeout)
        self.is_gm = player["gm"]
        self.scene_ends_at: float | None = None  # GM: when to end the scene it opened
        self.affordable: list[str] = []
        self.quoted: str | None = None

    async def log_in(self, timeout: float) -> None:
        await self.client.open(self.plan.host, self.plan.port)
        await self.client.wait_for("connect <username> <password>", timeout=timeout)
        await self.client.send(f"connect {self.player['account']} {self.plan.password}")
        reply = await self.client.command(None, timeout=timeout)  # what the login printed
        if f"You become {self.player['character']}" not in reply.text:
            reply = await self.client.command(f"ic {self.player['character']}")
            if f"You become {self.player['character']}" not in reply.text:
                raise RuntimeError(f"{self.player['account']} could not play: {reply.text!r}")
        self.results.logged_in += 1

    async def play(self, start: asyncio.Event, stop_at: float) -> None:
        await start.wait()
        # Players do not all type at the same instant.
        await asyncio.sleep(self.random.uniform(0, self.plan.think[1]))
        try:
            while time.monotonic() < stop_at:
                kind, line = self.next_command()
                try:
                    reply = await self.client.command(line)
                except TimeoutError as error:
                    self.results.error("timeout", f"{kind}: {error}")
                    continue
                self.results.latencies[kind].append(reply.seconds)
                for found in reply.errors:
                    self.results.error(found, f"{kind} ({line}): {reply.text}")
                self.learn(kind, reply.text)
                await asyncio.sleep(self.random.uniform(*self.plan.think))
        except TelnetClosed as error:
            self.results.error("connection closed", str(error))

    def next_command(self) -> tuple[str, str | None]:
        if self.is_gm:
            if self.scene_ends_at is None and self.random.random() < 0.3:
                return "scene/start", f"scene/start Load scene {self.random.randrange(10**6)}"
            if self.scene_ends_at is not None and time.monotonic() >= self.scene_ends_at:
                return "scene/end", "scene/end"
        kind = self.random.choices(list(MIX), weights=list(MIX.values()))[0]
        return self.line_for(kind)

    def line_for(self, kind: str) -> tuple[str, str | None]:
        pick = self.random.choice
        if kind == "kudos/give":
            return kind, f"kudos/give {pick(self.others)} = Thanks for the scene"
        if kind == "kudos/claim":
            return kind, "kudos/claim xp = 10"
        if kind == "unlock/confirm" and self.quoted:
            return kind, self.quoted.replace("unlock ", "unlock/confirm ", 1)
        if kind in ("unlock", "unlock/confirm"):
            # Nothing quoted yet: quote first, and read the shop before that, as a player would.
            if not self.affordable:
                return "unlocks", "unlocks"
            self.quoted = pick(self.affordable)
            return "unlock", self.quoted
        if kind == "pose":
            return kind, f"pose {pick(POSES)}"
        if kind == "say":
            return kind, f"say {pick(SAYS)}"
        if kind == "check":
            return kind, f"check {pick(TRAITS).lower()}"
        if kind == "(marker)":
            return kind, None
        return kind, kind

    def learn(self, kind: str, text: str) -> None:
        """Keep what the reply tells the player: the shop, what was bought, the scene."""
        if "Unlocks for" in text:
            self.affordable = affordable_in(text)
        if "You unlock " in text:
            self.results.outcomes["unlocks bought"] += 1
            if self.quoted in self.affordable:
                self.affordable.remove(self.quoted)
            self.quoted = None
        elif kind in ("unlock", "unlock/confirm") and "To buy it, type" not in text:
            # Refused (bought meanwhile, over the web say): read the shop again.
            self.quoted = None
            self.affordable = []
        if "You claim " in text:
            self.results.outcomes["kudos claims"] += 1
        if "You give " in text:
            self.results.outcomes["kudos given"] += 1
        if kind == "scene/start" and "You start scene" in text:
            self.scene_ends_at = time.monotonic() + self.random.uniform(*self.plan.scene_seconds)
            self.results.outcomes["scenes started"] += 1
        if kind == "scene/end":
            self.scene_ends_at = None
            if "is finished" in text:
                self.results.outcomes["scenes ended"] += 1
        if kind == "check" and " checks " in text:
            self.results.outcomes["checks rolled"] += 1


class Crowd:
    """Every load player: logged in first, then playing together for the run's window."""

    def __init__(self, players: list[dict], plan: Plan, results: Results):
        accounts = [player["account"] for player in players]
        self.players = [
            LoadPlayer(
                index,
                player,
                [other for other in accounts if other != player["account"]],
                plan,
                results,
            )
            for index, player in enumerate(players, start=1)
        ]

    async def log_in(self) -> None:
        # All connect at once; the portal lets in MAX_CONNECTION_RATE (2) a second and queues
        # the rest, and each login checks a password on the server's one thread: the last one
        # in waits for all the others. The window opens only once all are in.
        timeout = self.players[0].plan.timeout + 3 * len(self.players)
        await asyncio.gather(*(player.log_in(timeout) for player in self.players))

    async def play(self, seconds: float) -> None:
        start = asyncio.Event()
        stop_at = time.monotonic() + seconds
        tasks = [asyncio.create_task(player.play(start, stop_at)) for player in self.players]
        start.set()
        await asyncio.gather(*tasks)

    async def close(self) -> None:
        await asyncio.gather(*(player.client.close() for player in self.players))
