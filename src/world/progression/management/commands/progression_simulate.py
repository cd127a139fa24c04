"""What if: replay the last weeks of earnings and purchases under a proposed change to the
economy (chart entries, cost modifiers, scene points per use, the vote scale) and print before
and after side by side. Reads only: nothing is written."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from world.progression.rules.simulation import WeeksSummary
from world.progression.selectors.simulation import proposed_change, simulate


def weeks_text(summary: WeeksSummary, field: str) -> str:
    value = getattr(summary, field)
    return "-" if value is None else "never" if value == float("inf") else f"{value:g}"


class Command(BaseCommand):
    help = (
        "Replay the last N weeks under a proposed change, without writing anything: XP issued "
        "and spent and development per week, the purchases whose price would change, and "
        "characters' weeks to their goal or next level (median and p90), before and after."
    )

    def add_arguments(self, parser):
        parser.add_argument("--weeks", type=int, default=8, help="Whole weeks to replay (8).")
        parser.add_argument(
            "--chart",
            action="append",
            default=[],
            metavar="CHART:LEVEL=COST[,LEVEL=COST]",
            help="Set a chart's entries (repeatable).",
        )
        parser.add_argument(
            "--class-modifier",
            action="append",
            default=[],
            metavar="CLASS=PERCENT",
            help="A class's cost modifier (repeatable).",
        )
        parser.add_argument(
            "--trait-modifier",
            action="append",
            default=[],
            metavar="TRAIT=PERCENT",
            help="A trait's cost modifier (repeatable).",
        )
        parser.add_argument(
            "--scene-points-per-use", type=int, help="PROGRESSION_SCENE_POINTS_PER_USE."
        )
        parser.add_argument("--vote-scale", metavar="3,2,2,1", help="VOTING_XP_BY_VOTE.")

    def handle(self, *args, **options):
        if not 1 <= options["weeks"] <= 104:
            raise CommandError("--weeks must be from 1 to 104.")
        try:
            change = proposed_change(
                charts=options["chart"],
                class_modifiers=options["class_modifier"],
                trait_modifiers=options["trait_modifier"],
                scene_points_per_use=options["scene_points_per_use"],
                vote_scale=options["vote_scale"],
            )
        except ValueError as error:
            raise CommandError(str(error)) from None
        result = simulate(change, weeks=options["weeks"])
        write = self.stdout.write
        write(
            f"What if, replayed over {options['weeks']} weeks "
            f"({result.since:%Y-%m-%d} to {result.until:%Y-%m-%d}); nothing is written."
        )
        write("")
        write(f"{'week of':<10}  {'XP issued':>19}  {'XP spent':>19}  {'development':>19}")
        write(
            f"{'':<10}  {'before':>9} {'after':>9}  {'before':>9} {'after':>9}  "
            f"{'before':>9} {'after':>9}"
        )
        for row in result.weeks:
            write(
                f"{row.week!s:<10}  {row.issued:>9} {row.issued_after:>9}  "
                f"{row.spent:>9} {row.spent_after:>9}  "
                f"{row.development:>9} {row.development_after:>9}"
            )
        write("")
        if result.price_changes:
            write("Purchases whose price would change:")
            write(f"  {'unlock':<28} {'bought':>7} {'price':>7} {'after':>7} {'XP in all':>10}")
            for label, change_row in result.price_changes:
                write(
                    f"  {label:<28} {change_row.bought:>7} {change_row.before or '-':>7} "
                    f"{change_row.after or '-':>7} {change_row.difference:>+10}"
                )
        else:
            write("No purchase in these weeks would change price.")
        write("")
        before, after = result.goals_before, result.goals_after
        write(f"Weeks to goal or next level ({before.characters} characters):")
        write(f"  {'':<8} {'median':>7} {'p90':>7} {'never':>7}")
        for name, summary in (("before", before), ("after", after)):
            write(
                f"  {name:<8} {weeks_text(summary, 'median'):>7} "
                f"{weeks_text(summary, 'p90'):>7} {summary.never:>7}"
            )
