"""factory-boy factories for every progression model.

Balance rows are made through the services (so they always match a ledger); use the
`*BalanceFactory` helpers only to build a starting balance in a test.
"""

import factory
from factory.django import DjangoModelFactory

from typeclasses.factories import AccountFactory, CharacterFactory
from world.classes.factories import CharacterClassFactory, PathFactory
from world.traits.factories import TraitFactory

from . import models


class KudosSourceCategoryFactory(DjangoModelFactory):
    class Meta:
        model = models.KudosSourceCategory
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"source-{n}")
    display_name = factory.LazyAttribute(lambda o: o.name.replace("-", " ").title())
    default_amount = 1


class KudosClaimCategoryFactory(DjangoModelFactory):
    class Meta:
        model = models.KudosClaimCategory
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"claim-{n}")
    display_name = factory.LazyAttribute(lambda o: o.name.replace("-", " ").title())
    kudos_cost = 10
    reward_amount = 1


class XPCostChartFactory(DjangoModelFactory):
    class Meta:
        model = models.XPCostChart
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Chart {n}")


class XPCostEntryFactory(DjangoModelFactory):
    class Meta:
        model = models.XPCostEntry

    chart = factory.SubFactory(XPCostChartFactory)
    level = factory.Sequence(lambda n: n + 1)
    xp_cost = 10


class ClassXPCostFactory(DjangoModelFactory):
    class Meta:
        model = models.ClassXPCost

    character_class = factory.SubFactory(CharacterClassFactory)
    cost_chart = factory.SubFactory(XPCostChartFactory)
    cost_modifier = 100


class TraitXPCostFactory(DjangoModelFactory):
    class Meta:
        model = models.TraitXPCost

    trait = factory.SubFactory(TraitFactory)
    cost_chart = factory.SubFactory(XPCostChartFactory)
    cost_modifier = 100


class ClassLevelUnlockFactory(DjangoModelFactory):
    class Meta:
        model = models.ClassLevelUnlock
        django_get_or_create = ("character_class", "target_level")

    character_class = factory.SubFactory(CharacterClassFactory)
    target_level = 1


class TraitRatingUnlockFactory(DjangoModelFactory):
    class Meta:
        model = models.TraitRatingUnlock
        django_get_or_create = ("trait", "target_rating")

    trait = factory.SubFactory(TraitFactory)
    target_rating = 20


class CharacterUnlockFactory(DjangoModelFactory):
    """A bought class level, recorded directly (no XP taken): for read-side tests."""

    class Meta:
        model = models.CharacterUnlock

    character = factory.SubFactory(CharacterFactory)
    character_class = factory.SubFactory(CharacterClassFactory)
    target_level = 1
    xp_spent = 0


class _RequirementFactory(DjangoModelFactory):
    class_level_unlock = factory.SubFactory(ClassLevelUnlockFactory)
    is_active = True


class TraitRequirementFactory(_RequirementFactory):
    class Meta:
        model = models.TraitRequirement

    trait = factory.SubFactory(TraitFactory)
    minimum_value = 20


class LevelRequirementFactory(_RequirementFactory):
    class Meta:
        model = models.LevelRequirement

    minimum_level = 1


class ClassLevelRequirementFactory(_RequirementFactory):
    class Meta:
        model = models.ClassLevelRequirement

    character_class = factory.SubFactory(CharacterClassFactory)
    minimum_level = 1


class MultiClassRequirementFactory(_RequirementFactory):
    class Meta:
        model = models.MultiClassRequirement


class MultiClassLevelFactory(DjangoModelFactory):
    class Meta:
        model = models.MultiClassLevel

    multi_class_requirement = factory.SubFactory(MultiClassRequirementFactory)
    character_class = factory.SubFactory(CharacterClassFactory)
    minimum_level = 1


class TierRequirementFactory(_RequirementFactory):
    class Meta:
        model = models.TierRequirement

    minimum_tier = 1


class AchievementRequirementFactory(_RequirementFactory):
    class Meta:
        model = models.AchievementRequirement

    achievement_key = "slew_the_dragon"


class RelationshipRequirementFactory(_RequirementFactory):
    class Meta:
        model = models.RelationshipRequirement

    relationship_target = "Mentor"
    minimum_level = 1


class CharacterPathHistoryFactory(DjangoModelFactory):
    class Meta:
        model = models.CharacterPathHistory

    character = factory.SubFactory(CharacterFactory)
    path = factory.SubFactory(PathFactory)


class KudosRewardRequestFactory(DjangoModelFactory):
    """An open request, made as a claim in a staff-delivered category makes it (with the claim's
    ledger row; the balance is not touched, so build it through `claim_kudos` where that
    matters)."""

    class Meta:
        model = models.KudosRewardRequest

    account = factory.SubFactory(AccountFactory)
    category = factory.SubFactory(
        KudosClaimCategoryFactory, reward_kind=models.KudosRewardKind.STAFF_DELIVERED
    )
    reward_amount = 1
    claim_transaction = factory.LazyAttribute(
        lambda o: models.KudosTransaction.objects.create(
            account=o.account, amount=-o.category.kudos_cost, claim_category=o.category
        )
    )


__all__ = [name for name in dir() if name.endswith("Factory") and not name.startswith("_")]
__all__ += ["AccountFactory", "CharacterFactory"]


def price_unlock(unlock, xp_cost: int = 10) -> None:
    """Give `unlock` a price (an unlock with none is not for sale): an entry for its level or
    rating in a chart linked to its class or trait."""
    if hasattr(unlock, "character_class_id") and unlock.unlock_type == "level":
        link = models.ClassXPCost.objects.filter(character_class_id=unlock.character_class_id)
        level = unlock.target_level
        chart = link.first().cost_chart if link.exists() else None
        if chart is None:
            chart = XPCostChartFactory()
            ClassXPCostFactory(character_class=unlock.character_class, cost_chart=chart)
    else:
        link = models.TraitXPCost.objects.filter(trait_id=unlock.trait_id)
        level = unlock.target_rating
        chart = link.first().cost_chart if link.exists() else None
        if chart is None:
            chart = XPCostChartFactory()
            TraitXPCostFactory(trait=unlock.trait, cost_chart=chart)
    models.XPCostEntry.objects.update_or_create(
        chart=chart, level=level, defaults={"xp_cost": xp_cost}
    )
