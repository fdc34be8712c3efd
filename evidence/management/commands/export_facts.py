"""manage.py export_facts [--format csv|json] [--output FILE]: facts with figures and sources."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from evidence.exports import facts_export_stream
from evidence.models import Fact


class Command(BaseCommand):
    help = "Export facts with their figures, conflicts and sources as CSV or JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["csv", "json"], default="csv")
        parser.add_argument("--output", type=Path, help="File to write (default: stdout).")
        parser.add_argument("--kind", choices=Fact.Kind.values, default="")
        parser.add_argument("--status", choices=Fact.Status.values, default="")

    def handle(self, *args: Any, **options: Any) -> None:
        # Streamed piece by piece, like the API's export: constant memory on any archive.
        pieces = facts_export_stream(
            format=options["format"], kind=options["kind"], status=options["status"]
        )
        if options["output"]:
            with options["output"].open("w", encoding="utf-8") as out:
                for piece in pieces:
                    out.write(piece)
            self.stderr.write(f"Wrote the facts to {options['output']}.")
        else:
            for piece in pieces:
                self.stdout.write(piece, ending="")
