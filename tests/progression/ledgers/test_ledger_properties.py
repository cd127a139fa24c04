"""Property test: any sequence of awards, spends, claims and character XP moves keeps every
balance equal to a model kept beside it and to the sum of its own ledger (what
`progression_audit` checks), never lets a balance go below zero, and refuses what the model
says must be refused without changing anything."""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from typeclasses.factories import AccountFactory, CharacterFactory
from world.progression import services
from world.progression.exceptions import InsufficientKudosError, InvalidAmountError
from world.progression.factories import KudosClaimCategoryFactory, KudosSourceCategoryFactory
from world.progression.models import CharacterXP, ExperiencePointsData, KudosPointsData
from world.progression.selectors.audit import find_mismatches

KUDOS_PER_UNIT, XP_PER_UNIT = 10, 3


class LedgerMachine(RuleBasedStateMachine):
    @initialize()
    def set_up(self):
        # Each example runs in its own savepoint, rolled back in teardown, so the audit below
        # sees only this example's rows.
        self.example = transaction.atomic()
        self.example.__enter__()
        self.account = AccountFactory()
        self.giver = AccountFactory()
        self.character = CharacterFactory(account=self.account)
        self.source = KudosSourceCategoryFactory()
        self.xp_claim = KudosClaimCategoryFactory(
            name="xp", kudos_cost=KUDOS_PER_UNIT, reward_amount=XP_PER_UNIT
        )
        self.xp = {"earned": 0, "spent": 0}
        self.kudos = {"earned": 0, "claimed": 0}
        self.pools = {True: {"earned": 0, "spent": 0}, False: {"earned": 0, "spent": 0}}
        # A balance instance loaded once and never refreshed: its methods must still be right.
        self.stale_balance = services.get_or_create_xp_tracker(self.account)

    @rule(amount=st.integers(1, 50))
    def award_xp(self, amount):
        services.award_xp(self.account, amount)
        self.xp["earned"] += amount

    @rule(amount=st.integers(1, 80), stale=st.booleans())
    def spend_account_xp(self, amount, stale):
        balance = self.stale_balance if stale else services.get_or_create_xp_tracker(self.account)
        enough = self.xp["earned"] - self.xp["spent"] >= amount
        assert balance.spend_xp(amount) is enough
        if enough:
            self.xp["spent"] += amount

    @rule(amount=st.integers(1, 40))
    def award_kudos(self, amount):
        services.award_kudos(self.account, amount, self.source, "good sport", awarded_by=self.giver)
        self.kudos["earned"] += amount

    @rule(amount=st.integers(1, 60))
    def claim_kudos_into_xp(self, amount):
        available = self.kudos["earned"] - self.kudos["claimed"]
        if amount % KUDOS_PER_UNIT:
            with pytest.raises(InvalidAmountError):
                services.claim_kudos(self.account, amount, self.xp_claim)
        elif amount > available:
            with pytest.raises(InsufficientKudosError):
                services.claim_kudos(self.account, amount, self.xp_claim)
        else:
            result = services.claim_kudos(self.account, amount, self.xp_claim)
            assert result.reward_amount == amount // KUDOS_PER_UNIT * XP_PER_UNIT
            self.kudos["claimed"] += amount
            self.xp["earned"] += result.reward_amount

    @rule(amount=st.integers(1, 30), transferable=st.booleans())
    def award_character_xp(self, amount, transferable):
        services.award_character_xp(self.character, amount, transferable=transferable)
        self.pools[transferable]["earned"] += amount

    @rule(amount=st.integers(1, 40), transferable=st.booleans())
    def spend_character_xp(self, amount, transferable):
        pool = CharacterXP.objects.filter(
            character=self.character, transferable=transferable
        ).first()
        model = self.pools[transferable]
        enough = model["earned"] - model["spent"] >= amount
        if pool is None:
            assert not enough
            return
        assert pool.spend_xp(amount) is enough
        if enough:
            model["spent"] += amount

    def teardown(self):
        if hasattr(self, "example"):
            transaction.set_rollback(True)
            self.example.__exit__(None, None, None)

    @invariant()
    def balances_match_the_model_and_their_ledgers(self):
        xp = ExperiencePointsData.objects.filter(account=self.account).first()
        assert (xp.total_earned, xp.total_spent) == (self.xp["earned"], self.xp["spent"])
        kudos = KudosPointsData.objects.filter(account=self.account).first()
        if kudos is None:
            assert self.kudos == {"earned": 0, "claimed": 0}
        else:
            assert (kudos.total_earned, kudos.total_claimed) == (
                self.kudos["earned"],
                self.kudos["claimed"],
            )
        for pool in CharacterXP.objects.filter(character=self.character):
            model = self.pools[pool.transferable]
            assert (pool.total_earned, pool.total_spent) == (model["earned"], model["spent"])
            assert pool.current_available >= 0
        assert xp.current_available >= 0
        assert find_mismatches() == []


@pytest.mark.django_db
def test_balances_always_equal_their_ledgers():
    run_state_machine_as_test(
        LedgerMachine,
        settings=settings(
            max_examples=25,
            stateful_step_count=25,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
