"""Generate a big game to measure against: accounts, characters and a year of ledgers."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from world.progression.demo.generate import BIG, GameSize, generate


class Command(BaseCommand):
    help = (
        "Add generated accounts, characters and a year of XP, kudos and development ledgers "
        "(bulk inserts; every balance equals its ledger). The default is the big game of "
        f"{BIG.accounts:,} accounts, {BIG.characters:,} characters and {BIG.ledger_rows:,} "
        "ledger rows. For measuring, on a database made for it: not for a live game."
    )

    def add_arguments(self, parser):
        parser.add_argument("--accounts", type=int, default=BIG.accounts)
        parser.add_argument("--characters", type=int, default=BIG.characters)
        parser.add_argument(
            "--ledger-rows",
            type=int,
            default=BIG.ledger_rows,
            help="Rows across the account XP, kudos, character XP and development ledgers.",
        )
        parser.add_argument("--seed", type=int, default=0, help="Same seed, same game.")

    def handle(self, *args, **options):
        size = GameSize(options["accounts"], options["characters"], options["ledger_rows"])
        if size.accounts < 1 or size.characters < 0 or size.ledger_rows < 0:
            raise CommandError("Give at least one account, and no negative counts.")
        counts = generate(size, seed=options["seed"], progress=self.stdout.write)
        for table, count in counts.items():
            self.stdout.write(f"  {table:<16} {count:>10,}")
