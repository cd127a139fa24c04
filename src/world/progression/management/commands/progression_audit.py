"""Check every balance against its ledger; exit non-zero when any differs."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError
from evennia.utils import logger
from rich.progress import Progress

from world.progression.rules.amounts import BALANCE_LIMIT
from world.progression.selectors.audit import CHECKS, find_mismatches
from world.progression.services.audit import rebuild_balances


class Command(BaseCommand):
    help = (
        "Compare account XP, character XP, kudos and development point balances with the sums "
        "of their ledgers, trait values with their development and trait value ledgers, and "
        "class levels with their standing purchases and class level ledger, and completed "
        "achievements with the ledger of those earned in play or granted. Prints every "
        "mismatch and exits 1 when there is any. --fix sets each wrong balance, value or level "
        "to what its ledgers say (the ledger is the record of what happened) and "
        "writes what it changed to the server's security log as well as here; a ledger whose "
        "totals no balance can hold is reported and left for staff to correct (exit 1)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--fix", action="store_true", help="Rebuild wrong balances from their ledgers."
        )

    def handle(self, *args, **options):
        if sys.stdout.isatty() and self.stdout._out is sys.stdout:
            with Progress(transient=True) as progress:
                task = progress.add_task("Auditing balances", total=len(CHECKS))
                mismatches = find_mismatches(progress=lambda _name: progress.advance(task))
        else:
            mismatches = find_mismatches()
        if not mismatches:
            self.stdout.write("No mismatch: every balance equals its ledger.")
            return
        for mismatch in mismatches:
            self.stdout.write(f"MISMATCH {mismatch.describe()}")
        if options["fix"]:
            result = rebuild_balances(mismatches)
            for mismatch in result.rebuilt:
                logger.log_sec(f"progression_audit --fix rebuilt {mismatch.describe()}")
            for mismatch in result.refused:
                logger.log_sec(f"progression_audit --fix cannot rebuild {mismatch.describe()}")
                self.stdout.write(f"cannot be rebuilt: {mismatch.describe()}")
            self.stdout.write(f"Fixed {len(result.rebuilt)} balance(s) from their ledgers.")
            if result.refused:
                raise CommandError(
                    f"{len(result.refused)} balance(s) could not be rebuilt: their ledgers add "
                    f"up to more than a balance holds (0 to {BALANCE_LIMIT:,}, never more spent "
                    "than earned); correct those ledger rows by hand."
                )
            return
        raise CommandError(
            f"{len(mismatches)} balance(s) differ from their ledgers; run with --fix to rebuild."
        )
