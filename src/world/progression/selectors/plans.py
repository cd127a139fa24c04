"""Plans: every step between a character and an unlock it wants, with the XP it takes."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import OuterRef, Subquery, TextField
from evennia.objects.models import ObjectDB
from evennia.typeclasses.attributes import Attribute

from ..models.snapshots import CharacterSnapshot
from ..rules.unlocks import Quote, unlock_key
from .accounts import owner_of
from .catalogue import Catalogue, unlock_catalogue
from .shop import unlock_quotes_for, xp_pools, xp_pools_of

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
    saved = sum(xp_pools(character, owner_of(character)).values())
    return plan_from_quotes(quotes, target, saved_xp=saved)


def plan_from_quotes(quotes: list[Quote], target, *, saved_xp: int) -> Plan:
    """The plan for `target` out of a character's quotes (see `plan_for`)."""
    kind, subject, goal = unlock_key(target)

    def is_step(quote: Quote) -> bool:
        # The same class (or trait), up to the target, not bought and not already reached.
        step_kind, step_subject, step = unlock_key(quote.unlock)
        return (
            (step_kind, step_subject) == (kind, subject)
            and quote.current < step <= goal
            and not quote.bought
        )

    steps = sorted((q for q in quotes if is_step(q)), key=lambda q: unlock_key(q.unlock)[2])
    unmet: list[str] = []
    for step in steps:
        unmet += [message for message in step.failed if message not in unmet]
    return Plan(
        target=target,
        steps=steps,
        total_xp=sum(step.price or 0 for step in steps),
        saved_xp=saved_xp,
        unmet=unmet,
        not_for_sale=[step.label for step in steps if not step.on_sale],
    )


def goal_subquery(outer: str = "pk", *, as_stored: bool = False) -> Subquery:
    """The goal of the character whose id is the outer query's `outer`, as an annotation (None
    without one): a reader of characters gets their goals in the query that reads them. With
    `as_stored`, the value as stored (pickled text), to compare and never unpickle."""
    key, category = GOAL_ATTRIBUTE
    stored = Attribute.objects.filter(
        objectdb=OuterRef(outer), db_key=key, db_category=category
    ).values("db_value")[:1]
    field = TextField() if as_stored else Attribute._meta.get_field("db_value")
    return Subquery(stored, output_field=field)


def _goal_unlock(goal, catalogue: Catalogue):
    """The unlock a stored goal, (kind, unlock id), names; None when it is gone."""
    offer = catalogue.offer_with_id(*goal)
    return None if offer is None else offer.unlock


def goals_of(
    characters,
    *,
    account,
    snapshots: dict[int, CharacterSnapshot] | None = None,
    goals: dict[int, tuple | None] | None = None,
    catalogue: Catalogue | None = None,
) -> dict[int, Plan]:
    """{character pk: the plan for its goal} for the characters of `account` that set one, in
    a fixed number of queries (the goals, one shop read, the pools). A caller that read some of
    it already passes it: the characters' `snapshots`, their `goals` ({pk: the stored goal},
    read with `goal_subquery`) or the `catalogue`."""
    characters = {character.pk: character for character in characters}
    if goals is None:
        goals = dict(
            ObjectDB.objects.filter(pk__in=sorted(characters))
            .annotate(goal=goal_subquery())
            .values_list("pk", "goal")
        )
    goals = {pk: goal for pk, goal in goals.items() if goal}
    if not goals:
        return {}
    catalogue = catalogue or unlock_catalogue()
    # A goal whose unlock is gone from the catalogue shows no plan.
    targets = {
        character_id: unlock
        for character_id, goal in goals.items()
        if (unlock := _goal_unlock(goal, catalogue)) is not None
    }
    wanting = [characters[pk] for pk in targets]
    quotes = unlock_quotes_for(wanting, snapshots=snapshots, catalogue=catalogue)
    pools = xp_pools_of(wanting, account)
    return {
        character.pk: plan_from_quotes(
            quotes[character.pk],
            targets[character.pk],
            saved_xp=sum(pools[character.pk].values()),
        )
        for character in wanting
    }


def goal_of(character):
    """The unlock the character set as its goal (`plan/set`), or None."""
    key, category = GOAL_ATTRIBUTE
    goal = character.attributes.get(key, category=category)
    return _goal_unlock(goal, unlock_catalogue()) if goal else None


__all__ = [
    "GOAL_ATTRIBUTE",
    "Plan",
    "goal_of",
    "goal_subquery",
    "goals_of",
    "plan_for",
    "plan_from_quotes",
]
