"""Test configuration shared by the whole suite.

Evennia must be initialised (its flat API and typeclass machinery) before any test touches a
typeclassed object, exactly as Evennia's own test runner does.
"""

import os

import pytest


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
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL): real row locks")
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
