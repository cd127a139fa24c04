"""Print the economy report: XP and kudos issued and spent per week and per reason, the top
earners, accounts whose kudos mostly come from one other account, and possible alts."""

from __future__ import annotations

import sys
from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.table import Table
from rich.text import Text

from world.progression.selectors.reports import economy_report


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"Dates are YYYY-MM-DD, not {text!r}.") from error


class Command(BaseCommand):
    help = "Economy report for staff over a date range (default: the last 12 weeks)."

    def add_arguments(self, parser):
        parser.add_argument("--start", help="First day, YYYY-MM-DD (default: 12 weeks ago)")
        parser.add_argument("--end", help="Last day, YYYY-MM-DD (default: today)")

    def handle(self, *args, **options):
        end = _date(options["end"]) if options["end"] else date.today()
        start = _date(options["start"]) if options["start"] else end - timedelta(weeks=12)
        if start > end:
            raise CommandError("--start must not be after --end.")
        interactive = sys.stdout.isatty() and self.stdout._out is sys.stdout
        console = Console(file=self.stdout, force_terminal=interactive, width=100, highlight=False)
        if interactive:
            with console.status("Reading the ledgers..."):
                report = economy_report(start, end)
        else:
            report = economy_report(start, end)
        console.print(f"Progression economy, {start} to {end}")

        console.print(Text("Per week", style="bold"))
        weeks = Table()
        for column in ("week of", "XP issued", "XP spent", "kudos issued", "kudos claimed"):
            weeks.add_column(column, justify="left" if column == "week of" else "right")
        for row in report["weeks"]:
            weeks.add_row(
                str(row["week_start"]),
                str(row["xp_issued"]),
                str(row["xp_spent"]),
                str(row["kudos_issued"]),
                str(row["kudos_claimed"]),
            )
        console.print(weeks)

        console.print(Text("XP by reason", style="bold"))
        reasons = Table()
        reasons.add_column("reason")
        reasons.add_column("net XP", justify="right")
        reasons.add_column("rows", justify="right")
        for row in report["xp_by_reason"]:
            reasons.add_row(row["label"], str(row["amount"]), str(row["count"]))
        console.print(reasons)

        console.print(Text("Kudos by category", style="bold"))
        categories = Table()
        categories.add_column("category")
        categories.add_column("kudos", justify="right")
        categories.add_column("rows", justify="right")
        for row in report["kudos_by_category"]:
            categories.add_row(row["category"], str(row["amount"]), str(row["count"]))
        console.print(categories)

        for key, title in (
            ("top_xp_earners", "Top XP earners"),
            ("top_kudos_earners", "Top kudos earners"),
        ):
            console.print(Text(title, style="bold"))
            top = Table()
            top.add_column("account")
            top.add_column("earned", justify="right")
            for row in report[key]:
                top.add_row(row["account"], str(row["amount"]))
            console.print(top)

        self.print_trading(console, report["single_source_kudos"])
        self.print_alts(console, report["possible_alts"])

    def print_trading(self, console, flagged) -> None:
        if not flagged:
            console.print("No account's kudos come mostly from one other account.")
            return
        console.print(Text("Kudos mostly from one account (possible vote trading)", style="bold"))
        trading = Table()
        for column in ("account", "from", "from them", "total", "share"):
            trading.add_column(column, justify="left" if column in ("account", "from") else "right")
        for row in flagged:
            trading.add_row(
                row["account"],
                row["giver"],
                str(row["from_giver"]),
                str(row["total"]),
                f"{row['share']:.0%}",
            )
        console.print(trading)

    def print_alts(self, console, groups) -> None:
        # kudos/give refuses only a shared mailbox; everything else here is for staff to judge.
        if not groups:
            console.print("No accounts in these kudos share a mailbox or a creation IP.")
            return
        console.print(
            Text(
                "Possible alts (same mailbox or creation IP; a shared IP may be a household)",
                style="bold",
            )
        )
        alts = Table()
        for column in ("shared", "value", "accounts"):
            alts.add_column(column)
        for row in groups:
            alts.add_row(row["shared"], row["value"], ", ".join(row["accounts"]))
        console.print(alts)
