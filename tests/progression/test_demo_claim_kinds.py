"""The demo's claim categories say what they give: XP is credited by the game, a title is
delivered by staff."""

import io

import pytest
from django.core.management import call_command

from world.progression.demo import base
from world.progression.models import KudosClaimCategory, KudosRewardKind

pytestmark = pytest.mark.django_db(transaction=True, reset_sequences=True)


def test_the_demo_sets_each_claim_categorys_kind(tmp_path, monkeypatch):
    monkeypatch.setattr(base, "credentials_file", lambda: tmp_path / ".demo_credentials")

    call_command("seed_demo", stdout=io.StringIO())

    kinds = dict(KudosClaimCategory.objects.values_list("name", "reward_kind"))
    assert kinds == {"xp": KudosRewardKind.XP, "title": KudosRewardKind.STAFF_DELIVERED}
