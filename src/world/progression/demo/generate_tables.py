"""What the generated game is made of: the catalogue generated players earn and buy from, and
the tables their year is written to (one bulk inserter each)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .bulk import IdCounter, Inserter


@dataclass
class Catalogue:
    """What the generated players earn and buy: the demo traits, classes, shop and kudos
    categories (created when missing), with the prices read once."""

    trait_ids: list[int]
    locked_thresholds: dict[int, list[int]]
    class_ids: list[int]
    class_names: dict[int, str]
    prices: dict[tuple[int, int], int]
    sources: dict[str, int]
    xp_claim: tuple[int, int, int]  # id, kudos cost, XP reward
    staff_id: int | None

    @classmethod
    def load(cls) -> Catalogue:
        from evennia.accounts.models import AccountDB

        from world.progression.demo import ledgers, unlocks
        from world.progression.demo.base import traits_and_classes
        from world.progression.models import (
            ClassLevelUnlock,
            KudosClaimCategory,
            TraitRatingUnlock,
        )
        from world.progression.models.unlocks import CostTable

        traits, classes = traits_and_classes()
        unlocks.seed()
        sources = ledgers.kudos_categories()
        claim = KudosClaimCategory.objects.get(name="xp")
        thresholds = defaultdict(list)
        for trait_id, rating in TraitRatingUnlock.objects.values_list("trait_id", "target_rating"):
            thresholds[trait_id].append(rating)
        table = CostTable(class_ids=None)
        prices = {
            (u.character_class_id, u.target_level): price
            for u in ClassLevelUnlock.objects.all()
            if (price := table.price(u)) is not None
        }
        staff = AccountDB.objects.filter(is_superuser=True).order_by("pk").first()
        return cls(
            trait_ids=[t.pk for t in traits.values()],
            locked_thresholds=dict(thresholds),
            class_ids=[c.pk for c in classes.values()],
            class_names={c.pk: c.name for c in classes.values()},
            prices=prices,
            sources={name: s.pk for name, s in sources.items()},
            xp_claim=(claim.pk, claim.kudos_cost, claim.reward_amount),
            staff_id=staff.pk if staff else None,
        )

    @staticmethod
    def written_models() -> list:
        from world.classes.models import CharacterClassLevel
        from world.progression import models as m
        from world.traits.models import CharacterTraitValue

        return [
            m.ExperiencePointsData,
            m.XPTransaction,
            m.KudosPointsData,
            m.KudosTransaction,
            m.CharacterXP,
            m.CharacterXPTransaction,
            m.DevelopmentPoints,
            m.DevelopmentTransaction,
            m.CharacterUnlock,
            m.CharacterOwner,
            m.TraitValueTransaction,
            m.ClassLevelTransaction,
            CharacterTraitValue,
            CharacterClassLevel,
        ]


class Tables:
    """One inserter per table the ledgers write."""

    def __init__(self):
        from world.classes.models import CharacterClassLevel
        from world.progression import models as m
        from world.traits.models import CharacterTraitValue

        stamp = ("created_date", "updated_date")
        self.kudos_ids = IdCounter(m.KudosTransaction)
        self.unlock_ids = IdCounter(m.CharacterUnlock)
        self.xp = Inserter(
            m.XPTransaction,
            (
                "account_id",
                "amount",
                "reason",
                "description",
                "character_id",
                "gm_id",
                "kudos_transaction_id",
                "unlock_id",
                "transaction_date",
            ),
        )
        self.kudos = Inserter(
            m.KudosTransaction,
            (
                "id",
                "account_id",
                "amount",
                "source_category_id",
                "claim_category_id",
                "description",
                "awarded_by_id",
                "character_id",
                "transaction_date",
            ),
        )
        self.character_xp = Inserter(
            m.CharacterXPTransaction,
            (
                "character_id",
                "amount",
                "reason",
                "description",
                "transferable",
                "gm_id",
                "unlock_id",
                "transaction_date",
            ),
        )
        self.development = Inserter(
            m.DevelopmentTransaction,
            (
                "character_id",
                "trait_id",
                "source",
                "amount",
                "banked",
                "reason",
                "description",
                "transaction_date",
            ),
        )
        self.unlocks = Inserter(
            m.CharacterUnlock,
            (
                "id",
                "character_id",
                "character_class_id",
                "target_level",
                "unlocked_date",
                "xp_spent",
            ),
        )
        self.xp_balances = Inserter(
            m.ExperiencePointsData, ("account_id", "total_earned", "total_spent", *stamp)
        )
        self.kudos_balances = Inserter(
            m.KudosPointsData, ("account_id", "total_earned", "total_claimed", *stamp)
        )
        self.pools = Inserter(
            m.CharacterXP,
            ("character_id", "transferable", "total_earned", "total_spent", *stamp),
        )
        self.points = Inserter(
            m.DevelopmentPoints,
            ("character_id", "trait_id", "total_earned", "banked_points", "updated_date"),
        )
        self.values = Inserter(CharacterTraitValue, ("character_id", "trait_id", "value"))
        ledger = ("amount", "reason", "description", "transaction_date")
        self.value_rows = Inserter(m.TraitValueTransaction, ("character_id", "trait_id", *ledger))
        self.level_rows = Inserter(
            m.ClassLevelTransaction, ("character_id", "character_class_id", *ledger)
        )
        self.levels = Inserter(
            CharacterClassLevel, ("character_id", "character_class_id", "level", "is_primary")
        )

    def flush(self) -> dict[str, int]:
        counts = {}
        for name, inserter in vars(self).items():
            if isinstance(inserter, Inserter):
                inserter.flush()
                counts[name] = inserter.written
        return counts
