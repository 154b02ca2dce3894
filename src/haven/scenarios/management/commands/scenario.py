import json
from pathlib import Path
from typing import Any
from uuid import UUID

from django.core.management.base import BaseCommand, CommandError, CommandParser

from haven.scenarios.fields import ScenarioError
from haven.scenarios.loader import load
from haven.scenarios.selectors import deadlines_as_json


class Command(BaseCommand):
    help = "Load a child's journey from a scenario file, or print a child's deadlines."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        p_load = sub.add_parser("load", help="Replay FILE through Haven's services")
        p_load.add_argument("file", type=Path)
        p_dl = sub.add_parser("deadlines", help="Print CHILD_ID's deadlines as JSON")
        p_dl.add_argument("child_id", type=UUID)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "load":
            try:
                refs = load(options["file"])
            except ScenarioError as e:
                raise CommandError(str(e)) from e
            self.stdout.write(json.dumps(refs, indent=2))
        else:
            self.stdout.write(json.dumps(deadlines_as_json(child_id=options["child_id"]), indent=2))
