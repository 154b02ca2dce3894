"""The daily run for children in care and care leavers: open the clocks a day's passing starts
(a child becoming an eligible child, a child's first SDQ falling due)."""

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from haven.care.services.health import sdq_clocks_open
from haven.care.services.leaving import leaving_care_clocks_open
from haven.core import clock


class Command(BaseCommand):
    help = (
        "Open the leaving-care needs assessment clock of every child who has become an eligible "
        "child, and the first SDQ clock of every looked-after child aged 4 to 16 without one. "
        "Safe to run more than once a day."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--on",
            default="",
            help="The day to run for, as YYYY-MM-DD (default: today in England)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            on = dt.date.fromisoformat(options["on"]) if options["on"] else clock.today()
        except ValueError as e:
            raise CommandError("Give the day as YYYY-MM-DD") from e
        assessments = leaving_care_clocks_open(on=on)
        sdqs = sdq_clocks_open(on=on)
        self.stdout.write(
            f"{on.isoformat()}: opened {len(assessments)} needs assessment clock(s) and "
            f"{len(sdqs)} SDQ clock(s)"
        )
