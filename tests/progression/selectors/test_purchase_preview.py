"""`purchase_preview`: what buying an unlock would take from each pool and release, told by the
same rules the purchase follows, with nothing spent."""

import pytest

from world.progression.models import CharacterUnlock, CharacterXP, ExperiencePointsData
from world.progression.selectors.previews import purchase_preview
from world.progression.services import purchase_unlock
from world.traits.models import CharacterTraitValue

pytestmark = pytest.mark.django_db


def test_preview_draws_locked_then_transferable_then_account_xp(account, full_character):
    ayla = full_character("Ayla")

    preview = purchase_preview(ayla, full_character.levels[0])

    assert preview.quote.price == 20
    assert preview.available == {"locked": 7, "transferable": 4, "account": 50}
    assert preview.parts == {"locked": 7, "transferable": 4, "account": 9}
    assert preview.refusal is None


def test_preview_spends_nothing(account, full_character):
    ayla = full_character("Ayla")

    purchase_preview(ayla, full_character.levels[0])

    assert not CharacterUnlock.objects.exists()
    assert ExperiencePointsData.objects.get(account=account).current_available == 50
    assert sum(p.total_spent for p in CharacterXP.objects.filter(character=ayla)) == 0


def test_preview_parts_are_what_the_purchase_then_takes(account, full_character):
    ayla = full_character("Ayla")
    preview = purchase_preview(ayla, full_character.levels[0])

    purchase_unlock(ayla, full_character.levels[0])

    pools = {p.transferable: p.total_spent for p in CharacterXP.objects.filter(character=ayla)}
    account_spent = ExperiencePointsData.objects.get(account=account).total_spent
    assert preview.parts == {
        "locked": pools[False],
        "transferable": pools[True],
        "account": account_spent,
    }


def test_preview_of_a_threshold_tells_the_banked_points_it_releases(account, full_character):
    from world.progression.models import TraitRatingUnlock

    ayla = full_character("Ayla")
    threshold = TraitRatingUnlock.objects.get(trait__name="Swords0", target_rating=30)

    preview = purchase_preview(ayla, threshold)
    purchase_unlock(ayla, threshold)

    assert preview.released == 6
    assert CharacterTraitValue.objects.get(character=ayla, trait=threshold.trait).value == 29 + 6


def test_preview_tells_why_the_purchase_would_be_refused(account, full_character):
    ayla = full_character("Ayla")

    preview = purchase_preview(ayla, full_character.levels[1])

    assert preview.refusal is not None
    assert preview.refusal.code == "requirements_not_met"
