"""The game's own apps pass Django's system checks and have every model change migrated."""

from io import StringIO

import pytest
from django.core.management import call_command

GAME_APPS = ["traits", "classes", "mechanics", "scenes", "relationships", "progression", "voting"]


def test_system_checks_pass():
    # Raises SystemCheckError on any error-level finding (the same checks migrate runs first).
    call_command("check", stdout=StringIO())


@pytest.mark.django_db
def test_no_model_change_is_missing_a_migration(settings):
    # The suite runs with --no-migrations, which hides every app's migrations; look at them.
    settings.MIGRATION_MODULES = {}
    out = StringIO()
    try:
        call_command("makemigrations", *GAME_APPS, check=True, dry_run=True, stdout=out)
    except SystemExit:
        pytest.fail(f"models changed without a migration:\n{out.getvalue()}")
