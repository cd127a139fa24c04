"""Each measured operation with the data it needs; `all_rows` yields the table's rows."""

from __future__ import annotations

import random
import threading
import time

from django.db import connection, transaction
from django.test import override_settings
from django.utils import timezone


def all_rows(measure, notes):
    from typeclasses.factories import AccountFactory, CharacterFactory
    from world.progression import services
    from world.progression.factories import KudosClaimCategoryFactory, KudosSourceCategoryFactory

    account, giver = AccountFactory(), AccountFactory()
    services.award_xp(account, 1)
    source = KudosSourceCategoryFactory(name="bench-source")
    xp_claim = KudosClaimCategoryFactory(name="xp", kudos_cost=10, reward_amount=3)

    yield from with_floor(
        measure(
            "award_xp",
            lambda i: services.award_xp(account, 1),
            floor=(
                "raw SQL floor: balance UPDATE + ledger INSERT",
                lambda i: _floor_award(account),
            ),
        )
    )

    character = CharacterFactory(account=account)
    trait = _spoiled_physical_trait(character)
    yield measure(
        "award_development_points (rate modifier present)",
        lambda i: services.award_development_points(character, trait, "training", 5),
    )
    yield measure(
        "award_kudos", lambda i: services.award_kudos(account, 1, source, "bench", awarded_by=giver)
    )
    # Stock for the claims below, above the per-award maximum players and staff are held to.
    with override_settings(PROGRESSION_MAX_KUDOS_AWARD=1_000_000):
        services.award_kudos(account, 1_000_000, source, "bench stock", awarded_by=giver)
    yield from with_floor(
        measure(
            "claim_kudos into XP",
            lambda i: services.claim_kudos(account, 10, xp_claim),
            floor=(
                "raw SQL floor: kudos claim into XP (2 UPDATE + 2 INSERT)",
                lambda i: _floor_claim(account, xp_claim),
            ),
        )
    )

    from bench.unlocks import purchase_rows, shop_rows

    yield from purchase_rows(measure)

    yield from _dashboard_rows(measure)
    from bench.web import web_rows

    yield from web_rows(measure, notes)
    yield from _scene_rows(measure, notes)
    from bench.scenes import scene_log_rows

    yield from scene_log_rows(measure, notes)
    yield from shop_rows(measure)
    if connection.vendor == "postgresql":
        _concurrency(notes)


def with_floor(row):
    """The floor's row, then the operation's (the floor was timed alternately with it)."""
    floor = row.pop("floor_row")
    return [floor, row]


def must(outcome):
    success, message, _record = outcome
    if not success:
        raise RuntimeError(message)


def _floor_award(account):
    now = timezone.now()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE progression_experiencepointsdata SET total_earned = total_earned + 1, "
            "updated_date = %s WHERE account_id = %s",
            [now, account.pk],
        )
        cursor.execute(
            "INSERT INTO progression_xptransaction (account_id, amount, reason, description, "
            "transaction_date) VALUES (%s, 1, 'system_award', '', %s)",
            [account.pk, now],
        )


def _floor_claim(account, category):
    now = timezone.now()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE progression_kudospointsdata SET total_claimed = total_claimed + 10, "
            "updated_date = %s WHERE account_id = %s AND total_earned >= total_claimed + 10",
            [now, account.pk],
        )
        cursor.execute(
            "INSERT INTO progression_kudostransaction (account_id, amount, claim_category_id, "
            "description, transaction_date) VALUES (%s, -10, %s, '', %s) RETURNING id",
            [account.pk, category.pk, now],
        )
        kudos_id = cursor.fetchone()[0]
        cursor.execute(
            "UPDATE progression_experiencepointsdata SET total_earned = total_earned + 3, "
            "updated_date = %s WHERE account_id = %s",
            [now, account.pk],
        )
        cursor.execute(
            "INSERT INTO progression_xptransaction (account_id, amount, reason, description, "
            "kudos_transaction_id, transaction_date) VALUES (%s, 3, 'kudos_claim', '', %s, %s)",
            [account.pk, kudos_id, now],
        )


def _spoiled_physical_trait(character):
    from world.mechanics.factories import DistinctionEffectFactory, ModifierTypeFactory
    from world.mechanics.models import CharacterDistinction
    from world.traits.factories import TraitFactory

    effect = DistinctionEffectFactory(
        modifier_type=ModifierTypeFactory(name="physical_skill_development_rate"), value=-20
    )
    CharacterDistinction.objects.create(character=character, distinction=effect.distinction)
    return TraitFactory(name="Bench Athletics", category="physical")


def _dashboard_rows(measure):
    from django.test import Client

    from typeclasses.factories import AccountFactory
    from world.progression import services
    from world.progression.demo.bulk import analyze
    from world.progression.factories import KudosSourceCategoryFactory
    from world.progression.models import XPTransaction

    source = KudosSourceCategoryFactory(name="bench-dashboard")
    reader = AccountFactory()
    for i in range(500):
        services.award_xp(reader, 1 + i % 5, description=f"award {i}")
        services.award_kudos(reader, 1, source, f"kudos {i}")
    client = Client(HTTP_HOST="localhost")  # a host the game answers to (ALLOWED_HOSTS)
    client.force_login(reader)

    def read(i, client=client):
        response = client.get("/api/progression/account/")
        if response.status_code != 200:
            raise RuntimeError(f"dashboard answered {response.status_code}")

    yield measure("dashboard GET /api/progression/account/ (500+500 rows)", read)
    for size in (1_000, 10_000, 100_000):
        grower = AccountFactory()
        now = timezone.now()
        for start in range(0, size, 5_000):
            XPTransaction.objects.bulk_create(
                [
                    XPTransaction(
                        account=grower, amount=1, reason="system_award", transaction_date=now
                    )
                    for _ in range(min(5_000, size - start))
                ]
            )
        # As autovacuum would after such a load: with the table's statistics from before it,
        # PostgreSQL sorted all 10,000 rows instead of reading the newest 50 from the index.
        analyze([XPTransaction])
        grower_client = Client(HTTP_HOST="localhost")
        grower_client.force_login(grower)
        yield measure(
            f"dashboard with {size:,} XP transactions",
            lambda i, c=grower_client: c.get("/api/progression/account/"),
            repetitions=50,
        )


def _scene_rows(measure, notes):
    from typeclasses.factories import AccountFactory, CharacterFactory
    from world.progression.selectors.scene_credit import scene_verdict
    from world.scenes.factories import play_to_qualify
    from world.scenes.models import Scene, SceneParticipation, SceneTraitUse
    from world.traits.factories import TraitFactory

    try:
        from world.scenes.services import finish_scene
    except ImportError:
        notes.append("scene award: world.scenes.services.finish_scene not available; skipped")
        return
    # Thirty characters of two players (as tests/progression/scenes/test_scene_award_queries.py
    # pins its statements): a scene the farming guard lets through, so what is timed is the
    # award itself, not a refusal.
    players = [AccountFactory(), AccountFactory()]
    characters = [CharacterFactory() for _ in range(30)]
    traits = [TraitFactory(name=f"Bench Scene Trait {n}", category="social") for n in range(3)]

    def prepare(n):
        scenes = Scene.objects.bulk_create([Scene(name=f"Bench scene {i}") for i in range(n)])
        SceneParticipation.objects.bulk_create(
            [
                SceneParticipation(scene=s, character=c, account=players[index % 2])
                for s in scenes
                for index, c in enumerate(characters)
            ]
        )
        SceneTraitUse.objects.bulk_create(
            [
                SceneTraitUse(scene=s, character=c, trait=t, uses=2)
                for s in scenes
                for c in characters
                for t in traits
            ]
        )
        for scene in scenes:
            play_to_qualify(scene, characters[0], characters[1])
        return scenes

    # The weekly caps would stop paying these characters after a few scenes; lifted, every
    # repetition awards the same points.
    unlimited = override_settings(
        PROGRESSION_SCENE_WEEKLY_CAP=10**6, PROGRESSION_SCENE_WEEKLY_CAP_PER_TRAIT=10**6
    )

    def finish(scene):
        note = finish_scene(scene)
        if len(note.transactions) != 90:
            raise RuntimeError(f"bench scene paid nothing: {scene_verdict(scene).reason}")
        return note

    with unlimited:
        yield measure(
            "finish_scene: 30 participants x 3 traits",
            finish,
            prepare=prepare,
            repetitions=50,
        )


def _concurrency(notes):
    """8 threads x 500 mixed operations on 4 shared accounts, then a ledger check."""
    from typeclasses.factories import AccountFactory
    from world.progression import services
    from world.progression.exceptions import ProgressionError
    from world.progression.factories import KudosClaimCategoryFactory, KudosSourceCategoryFactory
    from world.progression.services.xp import spend_account_xp

    accounts = [AccountFactory() for _ in range(4)]
    source = KudosSourceCategoryFactory(name="bench-concurrency")
    claim = KudosClaimCategoryFactory(name="xp")
    successes = [0] * 8
    failures = [0] * 8

    def worker(index):
        rng = random.Random(index)
        try:
            for _ in range(500):
                account = rng.choice(accounts)
                action = rng.random()
                try:
                    if action < 0.4:
                        services.award_xp(account, rng.randint(1, 5))
                    elif action < 0.7:
                        spend_account_xp(account, rng.randint(1, 8))
                    elif action < 0.85:
                        services.award_kudos(account, rng.randint(1, 20), source)
                    else:
                        services.claim_kudos(account, claim.kudos_cost, claim)
                    successes[index] += 1
                except ProgressionError:
                    failures[index] += 1
        finally:
            connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    mismatches = _ledger_mismatches(accounts)
    notes.append(
        f"concurrency: 8 threads x 500 mixed ops on 4 accounts: {sum(successes)} succeeded, "
        f"{sum(failures)} refused (insufficient balance), {4000 / seconds:.0f} ops/s; "
        f"ledger check: {mismatches or 'no mismatch'}"
    )


def _ledger_mismatches(accounts) -> list[str]:
    from world.progression.models import (
        ExperiencePointsData,
        KudosPointsData,
        KudosTransaction,
        XPTransaction,
    )
    from world.progression.services.ledger import ledger_totals

    problems = []
    for account in accounts:
        xp = XPTransaction.objects.filter(account=account).aggregate(**ledger_totals())
        balance = ExperiencePointsData.objects.filter(account=account).first()
        if balance and (balance.total_earned, balance.total_spent) != (xp["earned"], xp["spent"]):
            problems.append(f"{account.key} XP")
        kudos = KudosTransaction.objects.filter(account=account).aggregate(
            **ledger_totals(reason_field=None)
        )
        balance = KudosPointsData.objects.filter(account=account).first()
        if balance and (balance.total_earned, balance.total_claimed) != (
            kudos["earned"],
            kudos["spent"],
        ):
            problems.append(f"{account.key} kudos")
    return problems
