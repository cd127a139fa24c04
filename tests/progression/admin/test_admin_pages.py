"""Every progression admin page renders for a superuser, in a constant number of queries."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from evennia.contrib.game_systems.achievements.achievements import all_achievements

from typeclasses.factories import AccountFactory, CharacterFactory, StaffAccountFactory
from world.classes.factories import CharacterClassFactory, PathFactory
from world.progression import factories as f
from world.progression import models as m
from world.progression.services.achievements import grant_achievement
from world.progression.services.approvals import request_staff_action
from world.progression.services.corrections import correct_class_level, correct_trait_value
from world.progression.services.ledger import Pool, post
from world.progression.services.xp import post_account_xp, post_character_xp
from world.progression.types import DevelopmentSource, ProgressionReason
from world.traits.factories import TraitFactory

pytestmark = pytest.mark.django_db

PROGRESSION_ADMINS = {
    model: model_admin
    for model, model_admin in admin.site._registry.items()
    if model._meta.app_label == "progression"
}
LEDGERS_AND_BALANCES = {
    m.ExperiencePointsData,
    m.XPTransaction,
    m.CharacterXP,
    m.CharacterXPTransaction,
    m.DevelopmentPoints,
    m.DevelopmentTransaction,
    m.KudosPointsData,
    m.KudosTransaction,
    m.CharacterUnlock,
    m.CharacterOwner,
    m.KudosRewardRequest,
    m.CharacterPathHistory,  # changed only through select_path (an admin action and page)
    m.TraitValueTransaction,
    m.ClassLevelTransaction,
    m.AchievementTransaction,  # changed only through grants and revocations (action and page)
    m.StaffApprovalRequest,  # made by staff moves, decided by approve and reject actions
}
# The most any changelist takes with 100 rows: session, count(s), the page with its related rows
# joined in, the action form and the list filters' choices; none of it grows with the rows.
CHANGELIST_MAX_QUERIES = 12


class Rows:
    """Builds `n` rows of one model, with the accounts and characters they need, shared."""

    def __init__(self):
        self.accounts = []
        self.characters = []
        self.owners = []
        self.made = {}

    def account(self, i):
        while len(self.accounts) <= i:
            self.accounts.append(AccountFactory())
        return self.accounts[i]

    def character(self, i):
        while len(self.characters) <= i:
            if len(self.characters) % 5 == 0:  # an account may own five characters
                self.owners.append(AccountFactory())
            self.characters.append(CharacterFactory(account=self.owners[-1]))
        return self.characters[i]

    def make(self, model, n):
        """Rows numbered on from the last call, so every call adds `n` new rows."""
        start = self.made.get(model, 0)
        self.made[model] = start + n
        return getattr(self, f"_{model.__name__}")(range(start, start + n))

    def _ExperiencePointsData(self, indexes):
        for i in indexes:
            post_account_xp(self.account(i), 10, reason=ProgressionReason.GM_AWARD)

    def _XPTransaction(self, indexes):
        for i in indexes:
            post_account_xp(
                self.account(i % 3),
                5,
                reason=ProgressionReason.GM_AWARD,
                gm=self.account(3),
                character=self.character(i % 2),
            )

    def _CharacterXP(self, indexes):
        for i in indexes:
            post_character_xp(
                self.character(i // 2),
                5,
                transferable=bool(i % 2),
                reason=ProgressionReason.GM_AWARD,
            )

    def _CharacterXPTransaction(self, indexes):
        for i in indexes:
            post_character_xp(
                self.character(i % 3),
                5,
                transferable=True,
                reason=ProgressionReason.GM_AWARD,
                gm=self.account(1),
            )

    def _DevelopmentPoints(self, indexes):
        traits = [TraitFactory(name=f"dev-trait-{t}") for t in range(10)]
        for i in indexes:
            m.DevelopmentPoints.objects.create(
                character=self.character(i // 10), trait=traits[i % 10]
            )

    def _DevelopmentTransaction(self, indexes):
        trait = TraitFactory()
        for i in indexes:
            m.DevelopmentTransaction.objects.create(
                character=self.character(i % 3),
                trait=trait,
                source=DevelopmentSource.COMBAT,
                amount=1,
                gm=self.account(1),
            )

    def _TraitValueTransaction(self, indexes):
        trait = TraitFactory()
        for i in indexes:
            correct_trait_value(self.character(i), trait, 5, gm=self.account(1), reason_text="x")

    def _ClassLevelTransaction(self, indexes):
        character_class = CharacterClassFactory()
        for i in indexes:
            correct_class_level(
                self.character(i), character_class, 1, gm=self.account(1), reason_text="x"
            )

    def _AchievementTransaction(self, indexes):
        keys = sorted(all_achievements())
        for i in indexes:
            grant_achievement(
                character=self.character(i // len(keys)),
                key=keys[i % len(keys)],
                staff=self.account(1),
                reason="x",
            )

    def _StaffApprovalRequest(self, indexes):
        staff = StaffAccountFactory()
        for i in indexes:
            request_staff_action(
                action=m.StaffAction.AWARD_ACCOUNT_XP,
                requested_by=staff,
                account=self.account(i % 3),
                amount=500,
                description="x",
            )

    def _KudosPointsData(self, indexes):
        for i in indexes:
            self._award_kudos(self.account(i))

    def _KudosTransaction(self, indexes):
        for i in indexes:
            self._award_kudos(self.account(i % 3), awarded_by=self.account(3))

    def _award_kudos(self, account, awarded_by=None):
        post(
            Pool(m.KudosPointsData, {"account_id": account.pk}, spent_field="total_claimed"),
            m.KudosTransaction,
            earned_delta=2,
            spent_delta=0,
            ledger_fields={
                "account": account,
                "amount": 2,
                "source_category": f.KudosSourceCategoryFactory(name="good-sport"),
                "awarded_by": awarded_by,
                "character": self.character(0),
            },
        )

    def _CharacterUnlock(self, indexes):
        classes = [CharacterClassFactory(name=f"unlock-class-{c}") for c in range(10)]
        for i in indexes:
            f.CharacterUnlockFactory(
                character=self.character(i // 10),
                character_class=classes[i % 10],
                gm=self.account(1),
            )

    def _CharacterOwner(self, indexes):
        # Creating a character for an account lists it there, which records its owner.
        for i in indexes:
            self.character(i)

    def _CharacterPathHistory(self, indexes):
        paths = [PathFactory(name=f"path-{p}") for p in range(10)]
        for i in indexes:
            f.CharacterPathHistoryFactory(character=self.character(i // 10), path=paths[i % 10])

    def _ClassLevelUnlock(self, indexes):
        for i in indexes:
            f.ClassLevelUnlockFactory(
                character_class=CharacterClassFactory(name=f"level-class-{i // 10}"),
                target_level=i % 10 + 1,
            )

    def _TraitRatingUnlock(self, indexes):
        for _ in indexes:
            f.TraitRatingUnlockFactory()

    def _XPCostEntry(self, indexes):
        chart = f.XPCostChartFactory(name="Standard")
        for i in indexes:
            f.XPCostEntryFactory(chart=chart, level=i + 1)

    def _MultiClassLevel(self, indexes):
        requirement = f.MultiClassRequirementFactory()
        for _ in indexes:
            f.MultiClassLevelFactory(multi_class_requirement=requirement)

    def __getattr__(self, name):
        # Every other model (categories, charts, costs, requirements) has a plain factory.
        model_name = name.removeprefix("_")
        factory = getattr(f, f"{model_name}Factory")
        if model_name.endswith("Requirement") and model_name != "MultiClassRequirement":
            unlock = f.ClassLevelUnlockFactory()
            return lambda indexes: [factory(class_level_unlock=unlock) for _ in indexes]
        return lambda indexes: [factory() for _ in indexes]


def url(model, page, *args):
    return reverse(f"admin:progression_{model._meta.model_name}_{page}", args=args)


# Bookkeeping with nothing for staff to read or edit: the catalogue's version token changes by
# itself whenever staff edit the catalogue.
NOT_ADMINISTERED = {m.CatalogueVersion}


def test_every_progression_model_is_registered():
    models = set(apps.get_app_config("progression").get_models()) - NOT_ADMINISTERED
    assert models == set(PROGRESSION_ADMINS)


def test_admin_is_mounted_and_lists_progression(admin_client):
    response = admin_client.get("/admin/progression/")

    assert response.status_code == 200
    assert b"Kudos balances" in response.content


@pytest.mark.parametrize("model", PROGRESSION_ADMINS, ids=lambda model: model.__name__)
def test_changelist_add_and_change_pages_render_for_a_superuser(admin_client, model):
    Rows().make(model, 2)
    obj = model._default_manager.first()

    assert admin_client.get(url(model, "changelist")).status_code == 200
    assert admin_client.get(url(model, "change", obj.pk)).status_code == 200
    add = admin_client.get(url(model, "add"))
    assert add.status_code == (403 if model in LEDGERS_AND_BALANCES else 200)


@pytest.mark.parametrize("model", PROGRESSION_ADMINS, ids=lambda model: model.__name__)
def test_changelist_takes_the_same_queries_with_100_rows(
    admin_client, model, django_assert_max_num_queries
):
    rows = Rows()
    rows.make(model, 2)
    with CaptureQueriesContext(connection) as few:
        admin_client.get(url(model, "changelist"))
    rows.make(model, 98)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = admin_client.get(url(model, "changelist"))

    assert response.status_code == 200
    assert model._default_manager.count() >= 100
    assert len(few.captured_queries) <= CHANGELIST_MAX_QUERIES
