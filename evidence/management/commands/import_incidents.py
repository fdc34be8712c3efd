"""manage.py import_incidents FILE.csv [--dry-run] [--skip-invalid]: import incidents."""

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from common.errors import DomainError
from evidence.imports.incidents import incidents_import
from evidence.models import Source


class Command(BaseCommand):
    help = (
        "Import incidents from a CSV in the GTD-like layout (eventid, iyear, imonth, iday, "
        "country, provstate, city, targtype1, gname, claimed, nkill, nwound, summary, scite1). "
        "Nothing is written if any row is invalid, unless --skip-invalid."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report; write nothing."
        )
        parser.add_argument(
            "--skip-invalid", action="store_true", help="Import the valid rows, skip the rest."
        )
        parser.add_argument(
            "--reliability",
            default="B",
            choices=Source.Reliability.values,
            help="Reliability grade of the dataset (default B: usually reliable).",
        )
        parser.add_argument("--user", help="Username recorded as the importer.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from None
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"No user named {options['user']!r}.")
        with tqdm(unit="row", disable=options["verbosity"] < 1, desc="Importing") as bar:

            def step(done: int, total: int) -> None:
                bar.total = total
                bar.update(done - bar.n)

            try:
                report = incidents_import(
                    data=data,
                    name=path.name,
                    user=user,
                    dry_run=options["dry_run"],
                    skip_invalid=options["skip_invalid"],
                    reliability=options["reliability"],
                    progress=step,
                )
            except DomainError as error:
                raise CommandError(error.message) from None
        for problem in report.errors:
            self.stderr.write(
                f"line {problem.row} (eventid {problem.eventid or '-'}), {problem.column}: "
                f"{problem.message}"
            )
        summary = (
            f"{report.rows} rows: {report.valid} valid, {report.invalid} invalid; "
            f"{report.created} created, {report.updated} updated, {report.unchanged} unchanged."
        )
        if report.dry_run:
            self.stdout.write(f"Dry run, nothing written. {summary}")
        elif report.written:
            self.stdout.write(self.style.SUCCESS(f"Imported. {summary}"))
        else:
            raise CommandError(
                f"Nothing imported: {report.invalid} invalid row(s) "
                "(fix them, or use --skip-invalid). " + summary
            )
