"""Pay one week's votes and scene participation as account XP, by hand (the weekly script does
it by itself); running it again pays nobody twice."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from world.progression.exceptions import ProgressionError
from world.voting.rules import previous_week
from world.voting.services import pay_week


class Command(BaseCommand):
    help = "Pay a finished ISO week's votes and scenes as account XP (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--week", help="ISO week as YYYY-Www, e.g. 2026-W47 (default: last week)"
        )

    def handle(self, *args, week=None, **options):
        try:
            result = pay_week(week=week or previous_week(timezone.now()))
        except ProgressionError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(result.message)
