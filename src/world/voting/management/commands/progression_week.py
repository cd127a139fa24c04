"""Pay finished weeks' votes and scene participation as account XP, by hand (the weekly script
does it by itself): every week ended since the last run, or the one given; running it again
pays nobody twice."""

from django.core.management.base import BaseCommand, CommandError

from world.progression.exceptions import ProgressionError
from world.voting.services import pay_due_weeks, pay_week


class Command(BaseCommand):
    help = "Pay every finished ISO week since the last run (or --week) as account XP (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--week",
            help="ISO week as YYYY-Www, e.g. 2026-W47 (default: every week since the last run)",
        )

    def handle(self, *args, week=None, **options):
        try:
            results = [pay_week(week=week)] if week else pay_due_weeks()
        except ProgressionError as error:
            raise CommandError(str(error)) from None
        for result in results:
            self.stdout.write(result.message)
        if not results:
            self.stdout.write("No week has ended since the last run.")
