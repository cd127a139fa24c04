#!/usr/bin/env python
"""Django management for the game in src/ (migrate, shell, check, progression_audit ...)."""

import os
import sys
from pathlib import Path


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "server.conf.settings")
    import django

    django.setup()
    import evennia
    from django.db import connection

    # Evennia's initialisation reads its ServerConfig table; on a database not yet migrated
    # PostgreSQL refuses that query outright, so `migrate` runs with bare Django first time.
    if "server_serverconfig" in connection.introspection.table_names():
        evennia._init()
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
