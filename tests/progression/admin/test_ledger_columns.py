"""What the ledger lists show, so they fit a 1280 px screen (the browser measures it in
tests/e2e/test_admin_ledgers_fit.py): a description as plain text cut short, with the whole of
it in the hover title, accounts by username, no navigation sidebar."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from typeclasses.factories import AccountFactory, CharacterFactory
from world.classes.factories import CharacterClassFactory
from world.progression import services
from world.progression.admin.base import DESCRIPTION_SHOWN
from world.progression.factories import KudosSourceCategoryFactory
from world.progression.services.corrections import correct_class_level, correct_trait_value
from world.progression.types import ProgressionReason
from world.traits.factories import TraitFactory

pytestmark = pytest.mark.django_db

LONG = "Ran the |rstorm|n scene <b>twice</b> when the GM dropped; " + "very " * 40 + "kind."
PLAIN = LONG.replace("|r", "").replace("|n", "")  # as another person reads it
GM = ProgressionReason.GM_AWARD


def _write(ledger, *, gm, account, character):
    if ledger == "xptransaction":
        services.award_xp(account, 5, GM, LONG, gm=gm)
    elif ledger == "characterxptransaction":
        services.award_character_xp(character, 5, reason=GM, description=LONG, gm=gm)
    elif ledger == "kudostransaction":
        source = KudosSourceCategoryFactory(name="good-sport")
        services.award_kudos(account, 5, source, LONG, awarded_by=gm)
    elif ledger == "developmenttransaction":
        trait = TraitFactory()
        services.award_development(
            character=character, trait=trait, amount=5, reason=GM, description=LONG, gm=gm
        )
    elif ledger == "traitvaluetransaction":
        correct_trait_value(character, TraitFactory(), 5, gm=gm, reason_text=LONG)
    else:
        correct_class_level(character, CharacterClassFactory(), 1, gm=gm, reason_text=LONG)


@pytest.mark.parametrize(
    "ledger",
    [
        "xptransaction",
        "characterxptransaction",
        "kudostransaction",
        "developmenttransaction",
        "traitvaluetransaction",
        "classleveltransaction",
    ],
)
def test_a_ledger_list_cuts_a_long_description_short_with_the_whole_in_its_title(
    admin_client, superuser, ledger
):
    account = AccountFactory(key="wren")
    _write(ledger, gm=superuser, account=account, character=CharacterFactory(account=account))

    page = admin_client.get(reverse(f"admin:progression_{ledger}_changelist")).content.decode()

    assert f'title="{escape(PLAIN)}"' in page
    assert escape(PLAIN[: DESCRIPTION_SHOWN - 1].rstrip()) + "…" in page
    assert "|r" not in page
    assert "(account " not in page  # Evennia's "name(account 3)": the username is enough
    assert 'id="nav-sidebar"' not in page
