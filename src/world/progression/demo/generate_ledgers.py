"""A year of progression for generated accounts: XP awards and purchases, kudos votes and
claims, character XP and trait development, each balance written equal to its ledger.

Each account's year is played in date order (its awards, its characters' purchases, its kudos),
so no balance ever goes below zero on the way, purchases are paid the way the game pays them
(the character's locked XP, then its transferable XP, then the account's) and name the unlock
they bought, and a claim's XP row names its kudos row. Some players are far busier than others:
each account's share of the rows is drawn from a long-tailed distribution.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from datetime import datetime, timedelta

from world.progression.rules.ledger import balance_effect
from world.progression.rules.ratings import trait_cap
from world.progression.types import DevelopmentSource, ProgressionReason

from .base import STARTING
from .generate_tables import Tables

R = ProgressionReason
XP_AWARDS = (
    # reason, weight, descriptions
    (R.SCENE_AWARD, 50, ("Weekly scene bonus", "Scene: the harbour fire", "Scene: night market")),
    (R.GM_AWARD, 20, ("Finished the harbour plot", "Ran a scene for newcomers", "Plot: the bell")),
    (R.SYSTEM_AWARD, 12, ("Monthly activity bonus", "Event participation")),
    (R.OTHER, 3, ("Contest prize", "Story submission")),
)
CHARACTER_AWARDS = ((R.SCENE_AWARD, 70), (R.GM_AWARD, 30))
DEVELOPMENT_SOURCES = [s for s in DevelopmentSource.values if s != DevelopmentSource.OTHER]
KUDOS_WHY = ("Great duel at the docks", "Kept the scene moving", "Lovely pose", "Helped a newbie")
# Shares of the rows left after each character's creation-points conversion.
SHARES = {"account_xp": 0.40, "kudos": 0.22, "character_xp": 0.18, "development": 0.20}
PURCHASE_SHARE = 0.3  # of character XP events: try to buy the next class level


def write_ledgers(catalogue, accounts, characters, ledger_rows, *, rng, now, say) -> dict:
    tables = Tables()
    by_account = defaultdict(list)
    for character in characters:
        by_account[character.account_id].append(character)
    remaining = max(0, ledger_rows - len(characters))  # one conversion row per character
    weights = [rng.lognormvariate(0, 1.0) for _ in accounts]
    budgets = {
        kind: Counter(rng.choices(range(len(accounts)), weights, k=int(remaining * share)))
        for kind, share in SHARES.items()
    }
    for index, account in enumerate(accounts):
        year = Year(account, by_account[account.id], catalogue, tables, rng, now)
        year.play({kind: budget[index] for kind, budget in budgets.items()}, accounts)
        if index % 1000 == 999:
            say(f"ledgers of {index + 1:,} accounts")
    return tables.flush()


class Year:
    """One account's year, played in date order."""

    def __init__(self, account, characters, catalogue, tables, rng: random.Random, now):
        self.account, self.characters, self.catalogue = account, characters, catalogue
        self.tables, self.rng, self.now = tables, rng, now
        self.xp = [0, 0]  # earned, spent
        self.kudos = [0, 0]  # earned, claimed
        self.pools = defaultdict(lambda: [0, 0])  # (character, transferable) -> earned, spent
        self.levels = {c.id: 1 for c in characters}
        traits = catalogue.trait_ids
        self.values = {(c.id, t): rng.randint(5, 18) for c in characters for t in traits}
        self.starting_values = dict(self.values)  # each with its row in the values' ledger
        self.points = defaultdict(lambda: [0, 0])  # (character, trait) -> earned, banked

    def when(self, start: datetime) -> datetime:
        return start + timedelta(seconds=self.rng.uniform(0, (self.now - start).total_seconds()))

    def play(self, budget: dict[str, int], accounts) -> None:
        rng, start = self.rng, self.account.joined
        events = [(c.created, 0, "convert", c) for c in self.characters]
        events += [(self.when(start), 1, "xp", None) for _ in range(budget["account_xp"])]
        events += [(self.when(start), 1, "kudos", None) for _ in range(budget["kudos"])]
        for kind in ("character_xp", "development"):
            for _ in range(budget[kind]):
                character = rng.choice(self.characters)
                events.append((self.when(character.created), 2, kind, character))
        events.sort(key=lambda event: (event[0], event[1]))
        friend = rng.choice(accounts).id
        for moment, _order, kind, character in events:
            if kind == "convert":
                self.post_character(character, rng.randint(5, 20) * 2, R.CG_CONVERSION, moment)
            elif kind == "xp":
                self.award_xp(moment)
            elif kind == "kudos":
                self.kudos_event(moment, friend, accounts)
            elif kind == "character_xp":
                self.character_event(character, moment)
            else:
                self.develop(character, moment)
        self.write_balances()

    # -- account XP and kudos

    def post_xp(self, amount, reason, moment, **links) -> None:
        earned, spent = balance_effect(reason, amount)
        self.xp[0] += earned
        self.xp[1] += spent
        description = links.pop("description", "")
        self.tables.xp.add(
            (
                self.account.id,
                amount,
                reason,
                description,
                links.get("character"),
                links.get("gm"),
                links.get("kudos"),
                links.get("unlock"),
                moment,
            )
        )

    def award_xp(self, moment) -> None:
        rng = self.rng
        if self.xp[0] - self.xp[1] > 20 and rng.random() < 0.02:
            self.post_xp(-rng.randint(1, 5), R.CORRECTION, moment, description="Duplicate award")
            return
        reason, _weight, descriptions = rng.choices(XP_AWARDS, [w for _r, w, _d in XP_AWARDS])[0]
        gm = self.catalogue.staff_id if reason == R.GM_AWARD else None
        description = rng.choice(descriptions)
        self.post_xp(rng.randint(1, 15), reason, moment, description=description, gm=gm)

    def kudos_event(self, moment, friend, accounts) -> None:
        rng, sources = self.rng, self.catalogue.sources
        claim_id, cost, reward = self.catalogue.xp_claim
        available = self.kudos[0] - self.kudos[1]
        if available >= cost and rng.random() < 0.25:
            units = rng.randint(1, available // cost)
            kudos_id = self.tables.kudos_ids.take()
            self.tables.kudos.add(
                (kudos_id, self.account.id, -units * cost, None, claim_id, "", None, None, moment)
            )
            self.kudos[1] += units * cost
            self.post_xp(units * reward, R.KUDOS_CLAIM, moment, kudos=kudos_id)
            return
        roll = rng.random()
        if roll < 0.12 and self.catalogue.staff_id:
            source, amount, giver = sources["staff_pick"], 5, self.catalogue.staff_id
        else:
            source = sources["good_sport"] if roll < 0.35 else next(iter(sources.values()))
            amount = 2 if roll < 0.35 else 1
            # A third of votes come from one friend: the report flags the accounts where that
            # friend gave nearly all of them.
            giver = friend if rng.random() < 0.33 else rng.choice(accounts).id
        if giver == self.account.id:
            giver = self.catalogue.staff_id
        character = rng.choice(self.characters).id if self.characters else None
        self.tables.kudos.add(
            (
                self.tables.kudos_ids.take(),
                self.account.id,
                amount,
                source,
                None,
                rng.choice(KUDOS_WHY),
                giver,
                character,
                moment,
            )
        )
        self.kudos[0] += amount

    # -- character XP and purchases

    def post_character(self, character, amount, reason, moment, *, transferable=False, unlock=None):
        earned, spent = balance_effect(reason, amount)
        pool = self.pools[character.id, transferable]
        pool[0] += earned
        pool[1] += spent
        self.tables.character_xp.add(
            (character.id, amount, reason, "", transferable, None, unlock, moment)
        )

    def character_event(self, character, moment) -> None:
        rng = self.rng
        if rng.random() < PURCHASE_SHARE and self.buy_next_level(character, moment):
            return
        reason = rng.choices(*zip(*CHARACTER_AWARDS, strict=True))[0]
        amount = rng.randint(2, 12)
        self.post_character(character, amount, reason, moment, transferable=rng.random() < 0.25)

    def buy_next_level(self, character, moment) -> bool:
        level = self.levels[character.id] + 1
        price = self.catalogue.prices.get((character.primary_class_id, level))
        if price is None or level > 5:
            return False
        pools = [
            (self.pools[character.id, False], False),
            (self.pools[character.id, True], True),
        ]
        held = sum(pool[0] - pool[1] for pool, _t in pools)
        if held + self.xp[0] - self.xp[1] < price:
            return False
        unlock_id = self.tables.unlock_ids.take()
        self.tables.unlocks.add(
            (unlock_id, character.id, character.primary_class_id, level, moment, price)
        )
        due = price
        for pool, transferable in pools:
            part = min(due, pool[0] - pool[1])
            if part > 0:
                self.post_character(
                    character, -part, R.XP_PURCHASE, moment, transferable=transferable,
                    unlock=unlock_id,
                )  # fmt: skip
                due -= part
        if due:
            name = self.catalogue.class_names[character.primary_class_id]
            self.post_xp(
                -due, R.XP_PURCHASE, moment, character=character.id, unlock=unlock_id,
                description=f"{name} level {level}",
            )  # fmt: skip
        self.levels[character.id] = level
        return True

    # -- development

    def develop(self, character, moment) -> None:
        rng = self.rng
        trait = rng.choice(self.catalogue.trait_ids)
        amount = rng.randint(1, 5)
        value = self.values[character.id, trait]
        cap = trait_cap(value, self.catalogue.locked_thresholds.get(trait, ()))
        applied = max(0, min(amount, cap - value))
        self.values[character.id, trait] = value + applied
        points = self.points[character.id, trait]
        points[0] += amount
        points[1] += amount - applied
        reason = R.SCENE_AWARD if rng.random() < 0.7 else R.OTHER
        self.tables.development.add(
            (
                character.id,
                trait,
                rng.choice(DEVELOPMENT_SOURCES),
                amount,
                amount - applied,
                reason,
                "",
                moment,
            )
        )

    # -- balances, equal to the rows above

    def write_balances(self) -> None:
        t, joined, now = self.tables, self.account.joined, self.now
        if any(self.xp):
            t.xp_balances.add((self.account.id, *self.xp, joined, now))
        if any(self.kudos):
            t.kudos_balances.add((self.account.id, *self.kudos, joined, now))
        for (character_id, transferable), (earned, spent) in self.pools.items():
            t.pools.add((character_id, transferable, earned, spent, joined, now))
        for (character_id, trait_id), (earned, banked) in self.points.items():
            t.points.add((character_id, trait_id, earned, banked, now))
        for (character_id, trait_id), value in self.values.items():
            t.values.add((character_id, trait_id, value))
        for (character_id, trait_id), value in self.starting_values.items():
            t.value_rows.add((character_id, trait_id, value, R.OTHER, STARTING, joined))
        for character in self.characters:
            level = self.levels[character.id]
            t.levels.add((character.id, character.primary_class_id, level, True))
            # Level 1 is where a character starts; the purchases above it explain the rest.
            t.level_rows.add(
                (character.id, character.primary_class_id, 1, R.OTHER, STARTING, joined)
            )
