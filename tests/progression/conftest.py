"""Shared by the progression tests: a character with one of everything its sheet shows (class
levels, a trait whose development is banked behind a locked threshold, two paths, a goal whose
second step needs class level 8, its own XP, and a scene counted toward its achievements)."""

import pytest

from typeclasses.factories import CharacterFactory
from world.classes.factories import CharacterClassFactory, CharacterClassLevelFactory, PathFactory
from world.classes.models import PathStage
from world.progression.factories import (
    ClassLevelUnlockFactory,
    LevelRequirementFactory,
    TraitRatingUnlockFactory,
    price_unlock,
)
from world.progression.rules.achievements import SCENE_QUALIFIED
from world.progression.services import award_character_xp, award_development, award_xp, select_path
from world.progression.services.achievements import count_play
from world.progression.services.plans import set_goal
from world.traits.factories import TraitFactory


@pytest.fixture
def full_character(account):
    """`make(name, *, rows=1)`: one of `account`'s characters with everything a sheet shows;
    `rows` multiplies its traits, so tests can grow the rows without growing the queries."""
    warrior = CharacterClassFactory(name="Warrior")
    ranger = CharacterClassFactory(name="Ranger")
    # The goal's class: two levels to buy, the second out of reach below class level 8.
    levels = [ClassLevelUnlockFactory(character_class=ranger, target_level=n) for n in (1, 2)]
    for level in levels:
        price_unlock(level, 20)
    LevelRequirementFactory(class_level_unlock=levels[1], minimum_level=8)
    blade = PathFactory(name="Blade", stage=PathStage.PROSPECT, description="Steel first.")
    edge = PathFactory(name="Edge", stage=PathStage.POTENTIAL, description="<b>Sharper</b>.")
    edge.parent_paths.add(blade)
    award_xp(account, 50)

    def make(name, *, rows=1):
        character = CharacterFactory(account=account, key=name)
        CharacterClassLevelFactory(character=character, character_class=warrior, level=6)
        select_path(character, blade)
        select_path(character, edge)
        for n in range(rows):
            trait = TraitFactory(name=f"Swords{n}")
            price_unlock(TraitRatingUnlockFactory(trait=trait, target_rating=30), 15)
            award_development(character=character, trait=trait, amount=35)
        award_character_xp(character, 7, transferable=False)
        award_character_xp(character, 4, transferable=True)
        count_play([character.pk], SCENE_QUALIFIED)  # first scene earned, one of ten
        return character

    make.levels = levels
    make.set_goal = set_goal
    return make


@pytest.fixture
def sample_economy(db):
    """Two players over the last two whole weeks, for the what-if simulator: a Warrior class
    priced by the "Standard" chart (levels 1-3: 100, 200, 300 XP); Alpha (level 1) bought
    level 1 for 100 XP in the first week; Beta (level 2) was paid 10 XP for three votes in the
    second week (the weekly pay) and used Swords twice in a scene."""
    from datetime import timedelta

    from evennia.accounts.models import AccountDB

    from typeclasses.factories import AccountFactory
    from world.progression.factories import (
        CharacterUnlockFactory,
        ClassXPCostFactory,
        XPCostChartFactory,
        XPCostEntryFactory,
    )
    from world.progression.models import (
        CharacterUnlock,
        DevelopmentTransaction,
        XPTransaction,
    )
    from world.progression.selectors.simulation import replay_window
    from world.progression.types import DevelopmentSource, ProgressionReason
    from world.scenes.factories import SceneFactory, SceneTraitUseFactory
    from world.voting.models import Vote
    from world.voting.rules import week_of

    since, _until = replay_window(2)
    first, second = since + timedelta(days=1), since + timedelta(days=8)
    warrior = CharacterClassFactory(name="Warrior")
    chart = XPCostChartFactory(name="Standard")
    for level, cost in ((1, 100), (2, 200), (3, 300)):
        XPCostEntryFactory(chart=chart, level=level, xp_cost=cost)
        ClassLevelUnlockFactory(character_class=warrior, target_level=level)
    ClassXPCostFactory(character_class=warrior, cost_chart=chart)
    alice, bob = AccountFactory(key="alice"), AccountFactory(key="bob")
    alpha = CharacterFactory(account=alice, key="Alpha")
    beta = CharacterFactory(account=bob, key="Beta")
    CharacterClassLevelFactory(character=alpha, character_class=warrior, level=1, is_primary=True)
    CharacterClassLevelFactory(character=beta, character_class=warrior, level=2, is_primary=True)

    award_xp(alice, 150, ProgressionReason.GM_AWARD)
    XPTransaction.objects.update(transaction_date=first)
    XPTransaction.objects.create(
        account=alice, amount=-100, reason=ProgressionReason.XP_PURCHASE, transaction_date=first
    )
    CharacterUnlockFactory(character=alpha, character_class=warrior, target_level=1, xp_spent=100)
    CharacterUnlock.objects.update(unlocked_date=first)

    week = week_of(first)
    for voter in (AccountFactory() for _ in range(3)):
        Vote.objects.create(voter=voter, character=beta, recipient=bob, week=week)
    award_xp(bob, 10, idempotency_key=f"weekly:{week}:{bob.pk}")
    XPTransaction.objects.filter(account=bob).update(transaction_date=second)

    swords = TraitFactory(name="Swords")
    scene = SceneFactory()
    SceneTraitUseFactory(scene=scene, character=beta, trait=swords, uses=2)
    DevelopmentTransaction.objects.create(
        character=beta,
        trait=swords,
        source=DevelopmentSource.COMBAT,
        amount=4,
        reason=ProgressionReason.SCENE_AWARD,
        scene=scene,
        transaction_date=second,
    )
    return {
        "since": since,
        "alpha": alpha,
        "beta": beta,
        "accounts": AccountDB.objects.filter(pk__in=[alice.pk, bob.pk]),
        "first_week": since.date(),
        "second_week": (since + timedelta(weeks=1)).date(),
    }
