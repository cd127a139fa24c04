"""Soak: 8 threads x 250 random operations on shared accounts and characters (PostgreSQL).

Awards, spends, kudos awards and claims, unlock purchases and refunds, scene finishes, repeats
of the same idempotency key and deliberate overspends run at once. Afterwards the audit finds no
balance that differs from its ledger, nothing is negative, and the ledgers hold exactly the rows
the successful operations reported writing.
"""

from __future__ import annotations

import random
import threading
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from typeclasses.factories import AccountFactory, CharacterFactory
from world.classes.factories import CharacterClassFactory
from world.progression import services
from world.progression.exceptions import ProgressionError
from world.progression.factories import (
    ClassLevelUnlockFactory,
    ClassXPCostFactory,
    KudosClaimCategoryFactory,
    KudosSourceCategoryFactory,
    XPCostEntryFactory,
)
from world.progression.models import (
    CharacterUnlock,
    CharacterXP,
    CharacterXPTransaction,
    DevelopmentTransaction,
    ExperiencePointsData,
    KudosPointsData,
    KudosTransaction,
    XPTransaction,
)
from world.progression.services.xp import spend_account_xp
from world.progression.types import ProgressionReason
from world.scenes.models import Scene, SceneParticipation, SceneTraitUse
from world.traits.factories import TraitFactory

THREADS = 8
OPERATIONS = 250


def _ledger_rows() -> int:
    return sum(
        model.objects.count()
        for model in (
            XPTransaction,
            CharacterXPTransaction,
            KudosTransaction,
            DevelopmentTransaction,
        )
    )


def _purchase_rows(record, reason) -> int:
    """The ledger rows the purchase `record` wrote (XP_PURCHASE) or its refund wrote (REFUND)."""
    return (
        XPTransaction.objects.filter(unlock=record, reason=reason).count()
        + CharacterXPTransaction.objects.filter(unlock=record, reason=reason).count()
    )


@pytest.mark.postgres
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_soak_leaves_every_ledger_whole():
    from world.scenes.services import finish_scene

    accounts = [AccountFactory() for _ in range(4)]
    characters = [CharacterFactory(account=account) for account in accounts]
    source = KudosSourceCategoryFactory(name="soak")
    xp_claim = KudosClaimCategoryFactory(name="xp", kudos_cost=5, reward_amount=2)
    chart = None
    unlocks = []
    for level_class in (CharacterClassFactory(name=f"Soak {n}") for n in range(3)):
        cost = (
            ClassXPCostFactory(character_class=level_class, cost_chart=chart)
            if chart
            else (ClassXPCostFactory(character_class=level_class))
        )
        chart = cost.cost_chart
        unlocks.append(ClassLevelUnlockFactory(character_class=level_class, target_level=1))
    XPCostEntryFactory(chart=chart, level=1, xp_cost=15)
    trait = TraitFactory(name="Soak Wits", category="mental")
    scenes = []
    for n in range(12):
        scene = Scene.objects.create(name=f"Soak scene {n}")
        for character in characters:
            SceneParticipation.objects.create(scene=scene, character=character)
            SceneTraitUse.objects.create(scene=scene, character=character, trait=trait, uses=2)
        scenes.append(scene)
    start_rows = _ledger_rows()

    written = Counter()  # rows each thread's successful operations reported writing
    outcomes = Counter()
    lock = threading.Lock()

    def worker(index: int) -> None:
        rng = random.Random(1000 + index)
        try:
            for step in range(OPERATIONS):
                account_index = rng.randrange(4)
                account, character = accounts[account_index], characters[account_index]
                action = rng.choice(
                    [
                        "award",
                        "award",
                        "spend",
                        "overspend",
                        "kudos",
                        "claim",
                        "repeat",
                        "buy",
                        "refund",
                        "scene",
                    ]
                )
                rows = 0
                try:
                    if action == "award":
                        services.award_xp(account, rng.randint(1, 20))
                        rows = 1
                    elif action == "spend":
                        spend_account_xp(account, rng.randint(1, 10))
                        rows = 1
                    elif action == "overspend":
                        spend_account_xp(account, 10_000_000)
                    elif action == "kudos":
                        services.award_kudos(account, rng.randint(1, 10), source)
                        rows = 1
                    elif action == "claim":
                        services.claim_kudos(account, 5, xp_claim)
                        rows = 2
                    elif action == "repeat":
                        # Every thread uses the same few keys: only the first use writes.
                        # Their rows are counted once per key after the run.
                        key = f"soak-repeat-{account_index}-{step % 3}"
                        tx = services.award_xp(account, 3, idempotency_key=key)
                        with lock:
                            outcomes[("repeat-key", key, tx.pk)] += 1
                    elif action == "buy":
                        record = services.purchase_unlock(character, rng.choice(unlocks))
                        rows = _purchase_rows(record, ProgressionReason.XP_PURCHASE)
                    elif action == "refund":
                        record = (
                            CharacterUnlock.objects.filter(
                                character=character, refunded_date__isnull=True
                            )
                            .order_by("?")
                            .first()
                        )
                        if record is not None:
                            services.refund_unlock(record, None, "soak")
                            rows = _purchase_rows(record, ProgressionReason.REFUND)
                    elif action == "scene":
                        result = finish_scene(rng.choice(scenes))
                        rows = len(result.transactions) if not result.already_finished else 0
                    with lock:
                        outcomes[(action, "ok")] += 1
                        if rows:
                            written[index] += rows
                except ProgressionError:
                    with lock:
                        outcomes[(action, "refused")] += 1
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # Each repeated key wrote exactly one row however many threads sent it.
    repeats = [entry for entry in outcomes if entry[0] == "repeat-key"]
    repeat_keys = {key for _kind, key, _pk in repeats}
    for key in repeat_keys:
        assert XPTransaction.objects.filter(idempotency_key=key).count() == 1
        # Every thread that sent this key got the same transaction back.
        assert len({pk for _kind, k, pk in repeats if k == key}) == 1
    expected_rows = sum(written.values()) + len(repeat_keys)
    assert _ledger_rows() - start_rows == expected_rows

    assert outcomes[("overspend", "refused")] > 0
    for model, spent in (
        (ExperiencePointsData, "total_spent"),
        (CharacterXP, "total_spent"),
        (KudosPointsData, "total_claimed"),
    ):
        for row in model.objects.all():
            assert getattr(row, spent) <= row.total_earned
    # The audit exits non-zero (CommandError) on any balance that differs from its ledger.
    call_command("progression_audit", stdout=StringIO())
