"""``haven generate``: build a synthetic council, or report on the one already built."""

import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from haven.synthetic.calibration import SCALES, SCENARIOS
from haven.synthetic.generator import GenerationRefused, generate
from haven.synthetic.selectors import council_summary, persona_logins, summary_line


def allocation_line(summary: dict[str, Any]) -> str:
    """Today's allocation picture: the figures a council in crisis is judged on."""
    return (
        f"Allocation ({summary.get('scenario', 'typical')}): "
        f"{summary.get('open_cases_unallocated', 0):,} children with an open case waiting "
        f"for a worker (longest {summary.get('longest_wait_days', 0):,} days; "
        f"{summary.get('risk_reviews_overdue', 0):,} risk reviews overdue), "
        f"{summary.get('workers_over_30', 0):,} workers holding 30 or more children "
        f"(largest caseload {summary.get('largest_caseload', 0):,}), agency "
        f"{summary.get('agency_share', 0):.0%} of registered staff in post, "
        f"{summary.get('vacancies_left_empty', 0):,} posts left empty, "
        f"{summary.get('absent_today', 0):,} staff away today."
    )


def protection_line(summary: dict[str, Any]) -> str:
    """Today's protection picture: plans open, enquiries awaiting a conference, clocks."""
    p = summary.get("protection", {})
    return (
        f"Protection: {p.get('open_cp_plans', 0):,} children on a child protection plan, "
        f"{p.get('open_cin_plans', 0):,} on a child in need plan, "
        f"{p.get('enquiries_open', 0):,} in a section 47 enquiry awaiting its conference; "
        f"{p.get('open_clocks', 0):,} protection clocks open ({p.get('overdue_clocks', 0):,} "
        f"overdue); {p.get('section47_enquiries', 0):,} enquiries and "
        f"{p.get('cp_plans', 0):,} child protection plans in the history."
    )


class Command(BaseCommand):
    help = (
        "Generate a synthetic council (same seed, same council); --status says whether one "
        "exists here; --logins prints the demo logins."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=sorted(SCALES), default="demo")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--scenario",
            choices=list(SCENARIOS),
            default="typical",
            help="typical: national rates; crisis: hundreds of children unallocated, some "
            "workers holding 30+ (docs/synthetic.md)",
        )
        parser.add_argument(
            "--children", type=int, default=None, help="Override the scale's number of children"
        )
        parser.add_argument(
            "--status",
            action="store_true",
            help="Exit 0 and print a summary if a council has been generated, else exit 1",
        )
        parser.add_argument("--logins", action="store_true", help="Print the demo logins")
        parser.add_argument("--quiet", action="store_true", help="No progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["status"]:
            summary = council_summary()
            if summary is None:
                raise CommandError("No synthetic council has been generated in this database.")
            self.stdout.write(summary_line(summary))
            return
        if options["logins"]:
            self._logins()
            return
        if options["children"] is not None and options["children"] < 1:
            raise CommandError("--children must be 1 or more")
        started = time.monotonic()
        preset = SCALES[options["scale"]]
        total = options["children"] or preset.children
        quiet = options["quiet"] or not sys.stderr.isatty()
        with tqdm(total=total, unit="child", file=sys.stderr, disable=quiet) as bar:

            def advance(n: int) -> None:
                bar.update(n)

            try:
                summary = generate(
                    scale=options["scale"],
                    seed=options["seed"],
                    children=options["children"],
                    progress=advance,
                    scenario=options["scenario"],
                )
            except GenerationRefused as e:
                raise CommandError(str(e)) from e
        seconds = time.monotonic() - started
        self.stdout.write(f"{summary_line(summary)}. Took {seconds:.1f}s.")
        self.stdout.write(allocation_line(summary))
        self.stdout.write(protection_line(summary))
        self._logins()

    def _logins(self) -> None:
        rows = persona_logins()
        if not rows:
            raise CommandError("No demo logins here: run `haven generate` first.")
        width = max(len(r[0]) for r in rows)
        role_width = max(len(r[1]) for r in rows)
        self.stdout.write(f"{'Username':<{width}}  {'Role':<{role_width}}  Password")
        for username, role, password in rows:
            self.stdout.write(f"{username:<{width}}  {role:<{role_width}}  {password}")
