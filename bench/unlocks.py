"""The unlock rows of `make bench`: purchases and shops, each also with the catalogue cold."""

from __future__ import annotations

from bench.scenarios import must, with_floor


def purchase_rows(measure):
    """The purchase with the catalogue in memory, and the first purchase after a catalogue
    change (its token replaced before each call, untimed), timed call for call alternately; then
    a character's very first purchase, which also earns it the First step achievement."""
    from world.progression import services
    from world.progression.models import bump_catalogue_version

    unlock = _unlock_with_three_requirements()

    def buy(buyer):
        must(services.spend_xp_on_unlock(buyer, unlock))

    yield from with_floor(
        measure(
            "spend_xp_on_unlock, catalogue cold (3 requirements)",
            lambda buyers: buy(buyers[0]),
            before=bump_catalogue_version,
            prepare=lambda n: [(_buyer(unlock), _buyer(unlock)) for _ in range(n)],
            floor=("spend_xp_on_unlock (3 requirements)", lambda buyers: buy(buyers[1])),
        )
    )
    # Once per character: the achievement is counted after the purchase commits (its progress
    # attribute created, the ledger row written), in the same call.
    yield measure(
        "spend_xp_on_unlock, a character's first (earns First step)",
        buy,
        prepare=lambda n: [_buyer(unlock, first=True) for _ in range(n)],
    )


_REQUIREMENT_TRAIT = "Bench Might"


def _unlock_with_three_requirements():
    from world.classes.factories import CharacterClassFactory
    from world.progression.factories import (
        ClassLevelRequirementFactory,
        ClassLevelUnlockFactory,
        ClassXPCostFactory,
        LevelRequirementFactory,
        TraitRequirementFactory,
        XPCostEntryFactory,
    )
    from world.traits.factories import TraitFactory

    base = CharacterClassFactory(name="Bench Base")
    target = CharacterClassFactory(name="Bench Knight")
    unlock = ClassLevelUnlockFactory(character_class=target, target_level=1)
    cost = ClassXPCostFactory(character_class=target)
    XPCostEntryFactory(chart=cost.cost_chart, level=1, xp_cost=5)
    TraitRequirementFactory(
        class_level_unlock=unlock, trait=TraitFactory(name=_REQUIREMENT_TRAIT), minimum_value=10
    )
    LevelRequirementFactory(class_level_unlock=unlock, minimum_level=1)
    ClassLevelRequirementFactory(class_level_unlock=unlock, character_class=base, minimum_level=1)
    return unlock


def _buyer(unlock, *, first: bool = False):
    """A character that meets the unlock's requirements and has the XP; unless `first`, it has
    bought before (First step earned), as most buyers have."""
    from typeclasses.factories import CharacterFactory
    from world.classes.models import CharacterClass, CharacterClassLevel
    from world.progression import services
    from world.traits.models import CharacterTraitValue, Trait

    character = CharacterFactory()
    CharacterTraitValue.objects.create(
        character=character, trait=Trait.objects.get(name=_REQUIREMENT_TRAIT), value=20
    )
    CharacterClassLevel.objects.create(
        character=character, character_class=CharacterClass.objects.get(name="Bench Base"), level=2
    )
    services.award_cg_conversion_xp(character, remaining_cg_points=10, conversion_rate=2)
    if not first:
        services.grant_achievement(
            character=character, key="first_unlock", staff=None, reason="Bench: bought before"
        )
    return character


def shop_rows(measure):
    from typeclasses.factories import CharacterFactory
    from world.classes.models import CharacterClass
    from world.progression import services
    from world.progression.models import (
        ClassLevelUnlock,
        ClassXPCost,
        LevelRequirement,
        TierRequirement,
        XPCostChart,
        XPCostEntry,
        bump_catalogue_version,
    )
    from world.progression.models.catalogue import catalogue_version
    from world.progression.selectors import catalogue as catalogues

    shopper = CharacterFactory()
    # Every bench class is priced (an unpriced unlock is not for sale, and left out of the shop).
    chart, _ = XPCostChart.objects.get_or_create(name="Bench shop chart")
    XPCostEntry.objects.get_or_create(chart=chart, level=1, defaults={"xp_cost": 10})
    existing = ClassLevelUnlock.objects.count()

    def shop(i):
        return services.get_available_unlocks_for_character(shopper)

    read = {}
    for target in (20, 100, 1_000):
        missing = target - (ClassLevelUnlock.objects.count() - existing)
        if missing > 0:
            offset = CharacterClass.objects.count()
            classes = CharacterClass.objects.bulk_create(
                [CharacterClass(name=f"Bench Shop Class {offset + n}") for n in range(missing)]
            )
            unlocks = ClassLevelUnlock.objects.bulk_create(
                [ClassLevelUnlock(character_class=c, target_level=1) for c in classes]
            )
            LevelRequirement.objects.bulk_create(
                [LevelRequirement(class_level_unlock=u, minimum_level=1) for u in unlocks]
            )
            TierRequirement.objects.bulk_create(
                [TierRequirement(class_level_unlock=u, minimum_tier=1) for u in unlocks]
            )
            ClassXPCost.objects.bulk_create(
                [ClassXPCost(character_class=c, cost_chart=chart) for c in classes]
            )
            # bulk_create sends no save signals: tell the shop's catalogue cache itself.
            bump_catalogue_version()
        if target == 20:
            # The first shop after a catalogue change reads the catalogue; timed call for call
            # alternately with the shop that has it in memory.
            yield from with_floor(
                measure(
                    "shop, catalogue cold (20 unlocks x 2 req.)",
                    shop,
                    before=bump_catalogue_version,
                    floor=(_shop_name(20), shop),
                )
            )
        read[target] = catalogues.read_catalogue()

    # The 1,000-unlock shop is timed call for call alternately with the 100-unlock one, so the
    # ratio of the two sees the same moments of the machine (measured one after the other, it
    # swung from 2.4x to 4.2x between runs of the same code). Before each call the process's
    # catalogue cache is given that size's catalogue under the current token: the shop then does
    # all its work as in the game, with the catalogue staff edits leave in memory.
    token = catalogue_version()

    def shop_of(size):
        def call(i):
            catalogues._cached = (token, read[size])
            return shop(i)

        return call

    yield from with_floor(
        measure(
            _shop_name(1_000),
            shop_of(1_000),
            floor=(_shop_name(100), shop_of(100)),
            repetitions=100,
        )
    )
    catalogues._cached = None  # what follows reads the catalogue the database has


def _shop_name(size):
    return f"get_available_unlocks_for_character ({size:,} unlocks x 2 req.)"
