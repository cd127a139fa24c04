"""The progression page's reads at 100,000 history rows: the live-balance poll (unchanged: 304;
changed: 200), the dashboard and the character sheets beside it, and the history export's time
and tracemalloc peak (it streams, so the peak should not grow with the rows)."""

from __future__ import annotations

import time
import tracemalloc

from django.utils import timezone

ROWS = 100_000
BATCH = 5_000


def web_rows(measure, notes):
    from django.test import Client

    from typeclasses.factories import AccountFactory, CharacterFactory
    from world.progression import services
    from world.progression.demo.bulk import analyze
    from world.progression.models import CharacterXPTransaction, XPTransaction

    account = AccountFactory()
    character = CharacterFactory(account=account)
    services.award_character_xp(character, 5, transferable=True)
    now = timezone.now()
    for _ in range(0, ROWS // 2, BATCH):
        XPTransaction.objects.bulk_create(
            XPTransaction(account=account, amount=1, reason="system_award", transaction_date=now)
            for _ in range(BATCH)
        )
        CharacterXPTransaction.objects.bulk_create(
            CharacterXPTransaction(
                character=character, amount=1, reason="gm_award", transaction_date=now
            )
            for _ in range(BATCH)
        )
    analyze([XPTransaction, CharacterXPTransaction])
    client = Client(HTTP_HOST="localhost")
    client.force_login(account)
    etag = client.get("/api/progression/account/version/")["ETag"]

    def poll_unchanged(i):
        response = client.get("/api/progression/account/version/", headers={"If-None-Match": etag})
        if response.status_code != 304:
            raise RuntimeError(f"unchanged poll answered {response.status_code}")

    yield measure(f"live poll, unchanged: 304 ({ROWS:,} rows)", poll_unchanged)
    yield measure(
        f"live poll, changed: 200 ({ROWS:,} rows)",
        lambda i: client.get("/api/progression/account/version/"),
    )
    yield measure(
        f"dashboard GET /api/progression/account/ ({ROWS:,} rows)",
        lambda i: client.get("/api/progression/account/"),
    )
    yield measure(
        f"character sheets GET /api/progression/characters/sheets/ ({ROWS:,} rows)",
        lambda i: client.get("/api/progression/characters/sheets/"),
    )
    for kind in ("csv", "json"):
        notes.append(_export_note(client, kind))


def _export_note(client, kind: str) -> str:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        response = client.get("/api/progression/account/export/", {"format": kind})
        size = sum(len(chunk) for chunk in response.streaming_content)
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] / 1024
    finally:
        tracemalloc.stop()
    return (
        f"export {kind} of {ROWS:,}+ rows: {seconds:.2f} s, {size / 1024:,.0f} KiB sent, "
        f"tracemalloc peak {peak:,.0f} KiB"
    )
