"""Say in one line whether the configured database answers (used by `make run`)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError, connection


class Command(BaseCommand):
    help = "Exit 0 if the database answers; otherwise print one readable line and exit 1."

    def handle(self, *args, **options):
        settings = connection.settings_dict
        name = settings.get("NAME")
        where = ""
        if settings.get("HOST"):
            where = f" at {settings['HOST']}:{settings.get('PORT') or 'default port'}"
        try:
            connection.ensure_connection()
        except OperationalError as error:
            first_line = str(error).strip().splitlines()[0] if str(error).strip() else ""
            reason = first_line.rsplit(": ", 1)[-1].strip() or "no answer"
            raise CommandError(
                f'Cannot reach database "{name}"{where} ({reason}). '
                "Is the database server running, and is DATABASE_URL right?"
            ) from None
        self.stdout.write(f'Database "{name}"{where} answers.')
