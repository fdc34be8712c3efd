"""manage.py export_facts [--format csv|json] [--output FILE]: facts with figures and sources."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from evidence.exports import facts_csv, facts_export_records, facts_for_export, facts_json
from evidence.models import Fact


class Command(BaseCommand):
    help = "Export facts with their figures, conflicts and sources as CSV or JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["csv", "json"], default="csv")
        parser.add_argument("--output", type=Path, help="File to write (default: stdout).")
        parser.add_argument("--kind", choices=Fact.Kind.values, default="")
        parser.add_argument("--status", choices=Fact.Status.values, default="")

    def handle(self, *args: Any, **options: Any) -> None:
        records = facts_export_records(
            facts_for_export(kind=options["kind"], status=options["status"])
        )
        text = facts_csv(records) if options["format"] == "csv" else facts_json(records)
        if options["output"]:
            options["output"].write_text(text, encoding="utf-8")
            self.stderr.write(f"Wrote {len(records)} facts to {options['output']}.")
        else:
            self.stdout.write(text, ending="")
