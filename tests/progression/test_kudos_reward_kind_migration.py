"""The migration that gives claim categories a reward kind keeps what each one gave before."""

import importlib

import pytest
from django.apps import apps

from world.progression.factories import KudosClaimCategoryFactory
from world.progression.models import KudosClaimCategory, KudosRewardKind

pytestmark = pytest.mark.django_db
migration = importlib.import_module("world.progression.migrations.0007_kudos_reward_kind")


def test_the_category_named_xp_gives_xp_and_the_others_are_delivered_by_staff():
    # As the AddField leaves them: every row with the field's default.
    KudosClaimCategoryFactory(name="xp", reward_kind=KudosRewardKind.XP)
    KudosClaimCategoryFactory(name="title", reward_kind=KudosRewardKind.XP)

    migration.kinds_from_names(apps, None)

    kinds = dict(KudosClaimCategory.objects.values_list("name", "reward_kind"))
    assert kinds == {"xp": KudosRewardKind.XP, "title": KudosRewardKind.STAFF_DELIVERED}
