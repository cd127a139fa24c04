"""Test configuration shared by the whole suite.

Evennia must be initialised (its flat API and typeclass machinery) before any test touches a
typeclassed object, exactly as Evennia's own test runner does.
"""

import os
import re
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver


@pytest.fixture(scope="session", autouse=True)
def evennia_initialised(django_db_setup, django_db_blocker):
    # evennia._init() reads the server config table at import, so it runs once the test
    # database exists.
    import evennia

    with django_db_blocker.unblock():
        evennia._init()


@pytest.fixture(autouse=True)
def fresh_evennia_cache():
    # Evennia's idmapper keeps every typeclassed object it has loaded in memory, keyed by id.
    # A rolled-back (or flushed) test leaves those objects behind, and the next test would find
    # them: create_object() resolves DEFAULT_HOME "#2" to a ghost row and PostgreSQL's deferred
    # foreign-key check fails at teardown. Each test starts and ends with an empty cache.
    # (Evennia's own flush_cache() also runs a full gc.collect(), which would cost the suite
    # seconds for nothing.)
    from evennia.utils.idmapper.models import SharedMemoryModel

    def flush(classes):
        for cls in classes:
            subclasses = cls.__subclasses__()
            if subclasses:
                flush(subclasses)
            else:  # only concrete leaf classes carry an instance cache
                cls.flush_instance_cache(force=True)

    flush([SharedMemoryModel])
    yield
    flush([SharedMemoryModel])


@pytest.fixture
def no_evtable(monkeypatch):
    """Fails the test if anything builds an Evennia EvTable. Game commands draw their tables with
    world.text_table: EvTable cost hundreds of milliseconds of reactor CPU per table (issue 14),
    so this pins the speed-up by structure instead of by a timing."""
    from evennia.utils.evtable import EvTable

    built = []
    real_init = EvTable.__init__

    def counting_init(self, *args, **kwargs):
        built.append(args)
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(EvTable, "__init__", counting_init)
    yield
    assert not built, f"a command drew an EvTable again (headers {built[0]!r}); use TextTable"


def pytest_collection_modifyitems(config, items):
    on_postgres = os.environ.get("DATABASE_URL", "").startswith("postgres")
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL)")
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(skip)


@pytest.fixture
def account(db):
    from typeclasses.factories import AccountFactory

    return AccountFactory()


@pytest.fixture
def other_account(db):
    from typeclasses.factories import AccountFactory

    return AccountFactory()


@pytest.fixture
def staff_account(db):
    from typeclasses.factories import StaffAccountFactory

    return StaffAccountFactory()


@pytest.fixture
def character(account):
    from typeclasses.factories import CharacterFactory

    return CharacterFactory(account=account)


# Every route under /api/progression/ as a concrete path a client can ask for, walked from the
# API's own URL patterns (so a route added later is asked too), with the methods it answers.
API_PREFIX = "/api/progression/"


@pytest.fixture
def api_routes(db):
    """`api_routes(character_id=..., request_id=...)`: every API route, `{pk}` filled with that
    character and `{request_id}` with that approval request."""
    return _api_routes


@dataclass(frozen=True)
class Route:
    path: str
    methods: frozenset[str]  # what the route's view answers besides OPTIONS and HEAD

    def __str__(self) -> str:
        return self.path


def _api_routes(*, character_id: int, request_id: int | None = None) -> list[Route]:
    """Every route of the API's URL conf but the catch-all 404, `{pk}` filled with
    `character_id` and `{request_id}` with `request_id` (a staff approval request; its routes
    are left out without one)."""
    from world.progression.api import urls as api_urls

    ids = {"pk": character_id, "request_id": request_id}
    return list(_walk(api_urls.urlpatterns, "", ids))


def _walk(patterns, prefix: str, ids: dict[str, int | None]):
    for pattern in patterns:
        text = prefix + str(pattern.pattern).lstrip("^").rstrip("$")
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, text, ids)
        elif isinstance(pattern, URLPattern) and pattern.name != "unknown-route":
            names = re.findall(r"<(?:\w+:)?(\w+)>", text)
            if any(ids.get(name) is None for name in names):
                continue
            path = re.sub(r"<(?:\w+:)?(\w+)>", lambda match: str(ids[match[1]]), text)
            yield Route(API_PREFIX + path, _methods_of(pattern.callback))


def _methods_of(callback) -> frozenset[str]:
    actions = getattr(callback, "actions", None)  # a viewset's method -> action map
    if actions is not None:
        return frozenset(method.upper() for method in actions)
    view_class = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    return frozenset(
        method.upper()
        for method in ("get", "post", "put", "patch", "delete")
        if view_class is not None and hasattr(view_class, method)
    )
