from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from haven.timescales import calendar


class Command(BaseCommand):
    help = "Refresh England and Wales bank holidays from a GOV.UK bank-holidays.json file."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load", help="Merge the holidays in FILE into the calendar")
        load.add_argument("file", type=Path)
        load.add_argument(
            "--into",
            type=Path,
            default=None,
            help="Calendar file to update (default: the list shipped with Haven)",
        )
        sub.add_parser("show", help="Print the years the calendar covers")

    def handle(self, *args: Any, **options: Any) -> None:
        target = Path(options.get("into") or calendar.SHIPPED_DATA)
        if options["action"] == "show":
            cal = calendar.calendar_from_file(target)
            self.stdout.write(f"{target}: {cal.first_year}-{cal.last_year}")
            return
        try:
            update = calendar.read_bank_holidays(options["file"])
            existing = calendar.read_bank_holidays(target) if target.exists() else []
            merged = calendar.merge_bank_holidays(existing, update)
            calendar.write_bank_holidays(merged, target)
        except (OSError, ValueError) as e:
            raise CommandError(str(e)) from e
        calendar.default_calendar.cache_clear()
        years = sorted({h.day.year for h in update})
        self.stdout.write(
            f"Updated {len(years)} year(s) ({years[0]}-{years[-1]}); {len(merged)} holidays "
            f"in {target}"
            if years
            else "No holidays in the file"
        )
