"""Plans: every step between a character and an unlock it wants, with the XP it takes."""

from __future__ import annotations

from dataclasses import dataclass

from ..models import ClassLevelUnlock, TraitRatingUnlock
from ..rules.unlocks import Quote, is_class_level
from .accounts import owner_of
from .shop import unlock_quotes_for, xp_pools

# Where a character's goal is kept: (kind, unlock id) in an Evennia attribute of this key and
# category, so it needs no table and goes with the character.
GOAL_ATTRIBUTE = ("goal", "progression")


@dataclass(frozen=True)
class Plan:
    target: object
    steps: list[Quote]  # in the order they must be bought; what is bought already is left out
    total_xp: int  # what the steps cost (steps with no price count nothing: see not_for_sale)
    saved_xp: int  # what the character could spend now (its pools and its owner's account)
    unmet: list[str]  # every requirement of every step that is not met yet, once each
    not_for_sale: list[str]  # steps that cannot be bought at all, as their labels

    @property
    def progress(self) -> float:
        return 1.0 if not self.total_xp else min(1.0, self.saved_xp / self.total_xp)


def plan_for(character, target) -> Plan:
    """The steps from `character` to `target` (a class level or trait rating): every lower
    level of that class, or every defined rating of that trait, not yet reached, then the
    target; each quoted by the one rule (`rules.unlocks.evaluate_unlock`)."""
    quotes = unlock_quotes_for([character])[character.pk]
    if is_class_level(target):
        steps = [
            q
            for q in quotes
            if isinstance(q.unlock, ClassLevelUnlock)
            and q.unlock.character_class_id == target.character_class_id
            and q.unlock.target_level <= target.target_level
            and not q.bought
            and q.unlock.target_level > q.current
        ]
        steps.sort(key=lambda q: q.unlock.target_level)
    else:
        steps = [
            q
            for q in quotes
            if isinstance(q.unlock, TraitRatingUnlock)
            and q.unlock.trait_id == target.trait_id
            and q.unlock.target_rating <= target.target_rating
            and not q.bought
            and q.unlock.target_rating > q.current
        ]
        steps.sort(key=lambda q: q.unlock.target_rating)
    unmet: list[str] = []
    for step in steps:
        unmet += [message for message in step.failed if message not in unmet]
    return Plan(
        target=target,
        steps=steps,
        total_xp=sum(step.price or 0 for step in steps),
        saved_xp=sum(xp_pools(character, owner_of(character)).values()),
        unmet=unmet,
        not_for_sale=[step.label for step in steps if not step.on_sale],
    )


def goal_of(character):
    """The unlock the character set as its goal (`plan/set`), or None."""
    key, category = GOAL_ATTRIBUTE
    goal = character.attributes.get(key, category=category)
    if not goal:
        return None
    kind, pk = goal
    model = ClassLevelUnlock if kind == "class_level" else TraitRatingUnlock
    return (
        model.objects.select_related("character_class" if model is ClassLevelUnlock else "trait")
        .filter(pk=pk)
        .first()
    )


__all__ = ["GOAL_ATTRIBUTE", "Plan", "goal_of", "plan_for"]
