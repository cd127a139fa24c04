"""After a catalogue change, a purchase reads its own offer alone: the very offer the whole
catalogue gives (unlock, price, requirements of every kind in order, a trait's ratings), in one
statement, two when a multi-class requirement's classes must be read too."""

import pytest

from world.classes.factories import CharacterClassFactory
from world.progression.factories import (
    AchievementRequirementFactory,
    ClassLevelRequirementFactory,
    ClassLevelUnlockFactory,
    LevelRequirementFactory,
    MultiClassLevelFactory,
    MultiClassRequirementFactory,
    RelationshipRequirementFactory,
    TierRequirementFactory,
    TraitRatingUnlockFactory,
    TraitRequirementFactory,
    price_unlock,
)
from world.progression.models import (
    ClassLevelUnlock,
    ClassXPCost,
    TraitRatingUnlock,
    TraitXPCost,
    bump_catalogue_version,
)
from world.progression.rules.unlocks import unlock_key
from world.progression.selectors.catalogue import catalogue_offer, read_catalogue, read_offer
from world.traits.factories import TraitFactory

pytestmark = pytest.mark.django_db


def knight_level_two(*, multi_class: bool):
    """Knight level 2 at 30 XP and half again, with an active requirement of every kind but
    (unless `multi_class`) the multi-class one, an inactive one, and a level 3 beside it that
    has requirements of its own."""
    knight = CharacterClassFactory(name="Knight")
    unlock = ClassLevelUnlockFactory(character_class=knight, target_level=2)
    price_unlock(unlock, 30)
    ClassXPCost.objects.filter(character_class=knight).update(cost_modifier=150)
    RelationshipRequirementFactory(class_level_unlock=unlock, relationship_target="Mentor")
    TraitRequirementFactory(
        class_level_unlock=unlock, trait=TraitFactory(name="Might"), minimum_value=20
    )
    TraitRequirementFactory(
        class_level_unlock=unlock, trait=TraitFactory(name="Grace"), minimum_value=10
    )
    LevelRequirementFactory(class_level_unlock=unlock, minimum_level=1)
    LevelRequirementFactory(class_level_unlock=unlock, minimum_level=9, is_active=False)
    ClassLevelRequirementFactory(
        class_level_unlock=unlock, character_class=CharacterClassFactory(name="Squire")
    )
    TierRequirementFactory(class_level_unlock=unlock, minimum_tier=1)
    AchievementRequirementFactory(class_level_unlock=unlock)
    if multi_class:
        requirement = MultiClassRequirementFactory(class_level_unlock=unlock)
        for name, level in (("Page", 2), ("Herald", 1)):
            MultiClassLevelFactory(
                multi_class_requirement=requirement,
                character_class=CharacterClassFactory(name=name),
                minimum_level=level,
            )
    beside = ClassLevelUnlockFactory(character_class=knight, target_level=3)
    price_unlock(beside, 50)
    LevelRequirementFactory(class_level_unlock=beside, minimum_level=2)
    return unlock


def speed_rating_twenty():
    """Speed 2.0 at 40 XP less a fifth, beside Speed 1.0 and 3.0 (made out of order)."""
    speed = TraitFactory(name="Speed")
    ratings = {n: TraitRatingUnlockFactory(trait=speed, target_rating=n) for n in (30, 10, 20)}
    for rating, unlock in ratings.items():
        price_unlock(unlock, rating * 2)
    TraitXPCost.objects.filter(trait=speed).update(cost_modifier=80)
    return ratings[20]


def columns(instance) -> dict:
    return {field.attname: getattr(instance, field.attname) for field in instance._meta.fields}


def loaded(instance) -> dict:
    """The rows an offer holds for `instance`: its own columns, its class or trait and, for a
    multi-class requirement, its class levels with their classes."""
    found = {"columns": columns(instance)}
    for field in instance._meta.concrete_fields:
        if field.is_relation and field.name != "class_level_unlock":
            found[field.name] = columns(getattr(instance, field.name))
    if hasattr(instance, "class_levels"):
        found["class_levels"] = [
            (columns(level), columns(level.character_class))
            for level in instance.class_levels.all()
        ]
    return found


def described(offer) -> dict:
    return {
        "unlock": loaded(offer.unlock),
        "requirements": [(key, loaded(requirement)) for key, requirement in offer.requirements],
    }


@pytest.mark.parametrize(
    "multi_class", [False, True], ids=["without", "with a multi-class requirement"]
)
@pytest.mark.parametrize("known_id", [True, False], ids=["its id known", "by key alone"])
def test_a_class_levels_offer_read_alone_is_the_catalogues(
    multi_class, known_id, django_assert_num_queries
):
    unlock = knight_level_two(multi_class=multi_class)
    whole = read_catalogue().offer_for(unlock)

    alone = read_offer(unlock_key(unlock), unlock_id=unlock.pk if known_id else None)

    assert alone == whole
    assert alone.price == 45
    assert len(alone.requirements) == 7 + multi_class
    with django_assert_num_queries(0):  # everything the offer holds is loaded
        assert described(alone) == described(whole)


def test_a_trait_ratings_offer_read_alone_is_the_catalogues(django_assert_num_queries):
    unlock = speed_rating_twenty()
    whole = read_catalogue().offer_for(unlock)

    alone = read_offer(unlock_key(unlock))

    assert alone == whole
    assert (alone.price, alone.defined_ratings) == (32, (10, 20, 30))
    with django_assert_num_queries(0):
        assert described(alone) == described(whole)


@pytest.mark.parametrize(
    ("make", "statements"),
    [
        (lambda: knight_level_two(multi_class=False), 1),
        (lambda: knight_level_two(multi_class=True), 2),
        (speed_rating_twenty, 1),
    ],
    ids=["class level", "class level with a multi-class requirement", "trait rating"],
)
def test_a_cold_offer_is_read_in_one_statement(make, statements, django_assert_num_queries):
    unlock = make()
    bump_catalogue_version()

    with django_assert_num_queries(1 + statements):  # the catalogue's version token, the offer
        offer = catalogue_offer(unlock)

    assert offer == read_catalogue().offer_for(unlock)


def test_an_unlock_made_again_is_offered_with_its_own_requirements():
    stale = knight_level_two(multi_class=False)
    ClassLevelUnlock.objects.filter(pk=stale.pk).delete()  # the instance keeps its id
    again = ClassLevelUnlockFactory(character_class=stale.character_class, target_level=2)
    LevelRequirementFactory(class_level_unlock=again, minimum_level=4)
    bump_catalogue_version()

    offer = catalogue_offer(stale)  # an instance from before, with the old id

    assert offer.unlock.pk == again.pk
    assert [requirement.minimum_level for _, requirement in offer.requirements] == [4]
    assert offer == read_catalogue().offer_for(again)


def test_a_gone_unlock_has_no_offer():
    unlock = knight_level_two(multi_class=False)
    rating = speed_rating_twenty()
    ClassLevelUnlock.objects.filter(pk=unlock.pk).delete()
    TraitRatingUnlock.objects.filter(pk=rating.pk).delete()

    assert read_offer(unlock_key(unlock), unlock_id=unlock.pk) is None
    assert read_offer(unlock_key(rating)) is None
