"""The ledger row serializers write each row by hand: what they write must be what their declared
fields (the schema) say, and a row just written must read the same as the row read back."""

import pytest

from typeclasses.factories import AccountFactory, CharacterFactory
from world.progression.api.serializers import (
    CharacterXPTransactionSerializer,
    KudosTransactionSerializer,
    XPTransactionSerializer,
)
from world.progression.factories import KudosClaimCategoryFactory, KudosSourceCategoryFactory
from world.progression.selectors import character_xp_history, kudos_history, xp_history
from world.progression.services import award_kudos, award_xp, claim_kudos
from world.progression.services.xp import post_character_xp
from world.progression.types import ProgressionReason

pytestmark = pytest.mark.django_db


def _fields(serializer_class) -> set[str]:
    return set(serializer_class().fields)


def test_an_xp_row_has_exactly_the_schemas_fields_and_reads_back_as_written(account):
    character = CharacterFactory(account=account, key="Ariadne")
    written = award_xp(
        account, 5, ProgressionReason.GM_AWARD, description="Quest", character=character
    )
    bare = award_xp(account, 2, description="No character")

    shown = XPTransactionSerializer(written).data
    read = {row.id: row for row in xp_history(account)}

    assert set(shown) == _fields(XPTransactionSerializer)
    assert XPTransactionSerializer(read[written.id]).data == shown
    assert shown["character_name"] == "Ariadne"
    assert (shown["reason"], shown["reason_display"]) == ("gm_award", "GM award")
    assert XPTransactionSerializer(read[bare.id]).data["character_name"] is None


def test_a_character_xp_row_has_exactly_the_schemas_fields(account):
    character = CharacterFactory(account=account, key="Brann")
    written = post_character_xp(
        character, 3, reason=ProgressionReason.SCENE_AWARD, transferable=True
    ).transaction

    [read] = character_xp_history(account)
    shown = CharacterXPTransactionSerializer(read).data

    assert set(shown) == _fields(CharacterXPTransactionSerializer)
    assert shown == CharacterXPTransactionSerializer(written).data
    assert (shown["character_name"], shown["transferable"]) == ("Brann", True)


def test_kudos_awards_and_claims_have_exactly_the_schemas_fields_and_read_back_as_written(
    account,
):
    giver = AccountFactory(key="Giver")
    character = CharacterFactory(account=account, key="Cass")
    source = KudosSourceCategoryFactory(name="great-rp", display_name="Great roleplay")
    xp = KudosClaimCategoryFactory(name="xp", display_name="XP", kudos_cost=1, reward_amount=1)
    award = award_kudos(
        account, 4, source, "Thanks \x1b[31mred", awarded_by=giver, character=character
    ).transaction
    claim = claim_kudos(account, 1, xp).transaction

    read = {row.id: row for row in kudos_history(account)}
    shown_award = KudosTransactionSerializer(award).data
    shown_claim = KudosTransactionSerializer(claim).data

    assert set(shown_award) == set(shown_claim) == _fields(KudosTransactionSerializer)
    assert KudosTransactionSerializer(read[award.id]).data == shown_award
    assert KudosTransactionSerializer(read[claim.id]).data == shown_claim
    assert shown_award["kind"] == "award"
    assert shown_award["category"] == "great-rp"
    assert shown_award["awarded_by"] == "Giver"
    assert shown_award["character_name"] == "Cass"
    assert "\x1b" not in shown_award["description"]
    assert (shown_claim["kind"], shown_claim["category"], shown_claim["awarded_by"]) == (
        "claim",
        "xp",
        None,
    )
