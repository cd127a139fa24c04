"""A trait-rating unlock never inherits the requirements of a class-level unlock that happens
to share its id (the shop once looked requirements up by id alone)."""

from world.progression.factories import (
    ClassLevelUnlockFactory,
    TraitRatingUnlockFactory,
    TraitRequirementFactory,
    price_unlock,
)
from world.progression.services import get_available_unlocks_for_character


def test_trait_unlocks_do_not_borrow_class_requirements_with_the_same_id(character):
    class_unlock = ClassLevelUnlockFactory(target_level=1)
    TraitRequirementFactory(class_level_unlock=class_unlock, minimum_value=90)
    trait_unlock = TraitRatingUnlockFactory(target_rating=10)
    type(trait_unlock).objects.filter(pk=trait_unlock.pk).update(id=class_unlock.pk)
    price_unlock(class_unlock)
    price_unlock(type(trait_unlock).objects.get(pk=class_unlock.pk))
    shop = get_available_unlocks_for_character(character)
    trait_entries = [e for e in shop["available"] if e["type"] == "trait_rating"]
    assert [e["unlock"].pk for e in trait_entries] == [class_unlock.pk]
    assert trait_entries[0]["failed_requirements"] == []
    assert [e["type"] for e in shop["locked"]] == ["class_level"]
