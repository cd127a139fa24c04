"""Staff see each unlock's price in the admin, or that it is not for sale."""

import pytest
from django.urls import reverse

from world.progression.factories import (
    ClassLevelUnlockFactory,
    TraitRatingUnlockFactory,
    price_unlock,
)

pytestmark = pytest.mark.django_db


def test_unlock_lists_show_the_price_or_not_for_sale(admin_client):
    priced = ClassLevelUnlockFactory(target_level=1)
    price_unlock(priced, 25)
    ClassLevelUnlockFactory(target_level=2)
    TraitRatingUnlockFactory(target_rating=20)

    classes = admin_client.get(reverse("admin:progression_classlevelunlock_changelist"))
    traits = admin_client.get(reverse("admin:progression_traitratingunlock_changelist"))

    assert "25 XP" in classes.content.decode()
    assert "not for sale" in classes.content.decode()
    assert "not for sale" in traits.content.decode()
