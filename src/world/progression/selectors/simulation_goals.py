"""Weeks to a goal for the what-if simulator: every character's goal (or next class level), its
savings and its recent earning rate, read in a constant number of queries."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import F
from evennia.objects.models import ObjectDB
from evennia.typeclasses.attributes import Attribute

from world.classes.models import CharacterClassLevel
from world.traits.models import CharacterTraitValue

from ..models import (
    CharacterOwner,
    CharacterUnlock,
    CharacterXP,
    ClassLevelUnlock,
    ExperiencePointsData,
    TraitRatingUnlock,
)
from ..rules import simulation as rules
from ..rules.unlocks import CLASS_LEVEL, TRAIT_RATING
from .plans import GOAL_ATTRIBUTE


def weeks_to_goal(
    weeks: int,
    before: dict,
    after: dict,
    *,
    own_earned: dict[int, int],
    account_earned: dict[int, int],
    pay_by_account: dict[int, int],
) -> tuple[list[float], list[float]]:
    """Each character's weeks to its goal (`plan/set`), or without one to the next level of its
    primary class (else its highest), before and after the change (`before` and `after` are
    the price tables); see `rules.simulation.weeks_to_afford`.

    A character's weekly rate is what it earned in the replayed weeks (its character XP,
    `own_earned`, and an even share of its account's, `account_earned`, among the account's
    characters) divided by the weeks; what it holds is its character XP plus the same share
    of the account's. The price is the sum of the steps still to buy, priced before and after
    the change; a changed vote scale moves the rate by the account's share of
    `pay_by_account`. Distinctions, requirements and development are left out: this is the
    XP side of the wait.
    """
    owners = dict(CharacterOwner.objects.values_list("character_id", "account_id"))
    sharing: dict[int, int] = defaultdict(int)
    for account in owners.values():
        sharing[account] += 1
    own_saved: dict[int, int] = defaultdict(int)
    # Rows summed here, not grouped in the database: SQLite groups through the character index,
    # a random read per row, several times slower than reading the rows in table order.
    for character, total_earned, total_spent in CharacterXP.objects.order_by().values_list(
        "character_id", "total_earned", "total_spent"
    ):
        own_saved[character] += total_earned - total_spent
    account_saved = dict(
        ExperiencePointsData.objects.annotate(
            saved=F("total_earned") - F("total_spent")
        ).values_list("account_id", "saved")
    )
    targets = _targets()
    before_weeks, after_weeks = [], []
    for character, steps in targets.items():
        account = owners.get(character)
        share = sharing[account] if account is not None else 1
        saved = own_saved.get(character, 0) + account_saved.get(account, 0) / share
        rate = (own_earned.get(character, 0) + account_earned.get(account, 0) / share) / weeks
        rate_after = rate + pay_by_account.get(account, 0) / share / weeks
        before_weeks.append(
            rules.weeks_to_afford(rules.steps_price(steps, before), saved=saved, weekly_rate=rate)
        )
        after_weeks.append(
            rules.weeks_to_afford(
                rules.steps_price(steps, after), saved=saved, weekly_rate=rate_after
            )
        )
    return before_weeks, after_weeks


def _targets() -> dict[int, list[rules.PriceKey]]:
    """{character id: the price keys of the steps to its goal, or to its next class level}."""
    levels: dict[int, dict[int, int]] = defaultdict(dict)
    primary: dict[int, int] = {}
    for character, class_id, level, is_primary in CharacterClassLevel.objects.values_list(
        "character_id", "character_class_id", "level", "is_primary"
    ):
        levels[character][class_id] = level
        if is_primary:
            primary[character] = class_id
    class_unlocks = {
        pk: (class_id, level)
        for pk, class_id, level in ClassLevelUnlock.objects.values_list(
            "pk", "character_class_id", "target_level"
        )
    }
    offered = set(class_unlocks.values())
    steps: dict[int, list[rules.PriceKey]] = {}
    for character, classes in levels.items():
        class_id = primary.get(character) or max(classes, key=lambda c: (classes[c], -c))
        following = classes[class_id] + 1
        if (class_id, following) in offered:
            steps[character] = [(CLASS_LEVEL, class_id, following)]
    goals = _goals()
    trait_goals = {c: pk for c, (kind, pk) in goals.items() if kind != CLASS_LEVEL}
    for character, (kind, pk) in goals.items():
        if kind == CLASS_LEVEL and pk in class_unlocks:
            class_id, target = class_unlocks[pk]
            current = levels[character].get(class_id, 0)
            steps[character] = [
                (CLASS_LEVEL, class_id, level)
                for level in range(current + 1, target + 1)
                if (class_id, level) in offered
            ]
    if trait_goals:
        steps.update(_trait_goal_steps(trait_goals))
    return steps


def _goals() -> dict[int, tuple[str, int]]:
    """{character id: (kind, unlock id)} of every character that set a goal (two queries)."""
    key, category = GOAL_ATTRIBUTE
    links = dict(
        ObjectDB.objects.filter(
            db_attributes__db_key=key, db_attributes__db_category=category
        ).values_list("db_attributes__id", "pk")
    )
    return {
        links[row.pk]: tuple(row.value)
        for row in Attribute.objects.filter(pk__in=list(links))
        if row.value
    }


def _trait_goal_steps(goals: dict[int, int]) -> dict[int, list[rules.PriceKey]]:
    """The steps of trait-rating goals ({character id: unlock id}): every defined rating above
    the character's value up to the goal that it has not bought."""
    defined: dict[int, list[int]] = defaultdict(list)
    wanted = {}
    for pk, trait, rating in TraitRatingUnlock.objects.order_by("target_rating").values_list(
        "pk", "trait_id", "target_rating"
    ):
        defined[trait].append(rating)
        wanted[pk] = (trait, rating)
    characters = list(goals)
    values = {
        (character, trait): value
        for character, trait, value in CharacterTraitValue.objects.filter(
            character_id__in=characters
        ).values_list("character_id", "trait_id", "value")
    }
    bought = set(
        CharacterUnlock.objects.filter(
            character_id__in=characters, trait__isnull=False, refunded_date__isnull=True
        ).values_list("character_id", "trait_id", "target_rating")
    )
    steps = {}
    for character, pk in goals.items():
        if pk not in wanted:
            continue
        trait, target = wanted[pk]
        current = values.get((character, trait), 0)
        steps[character] = [
            (TRAIT_RATING, trait, rating)
            for rating in defined[trait]
            if current < rating <= target and (character, trait, rating) not in bought
        ]
    return steps
