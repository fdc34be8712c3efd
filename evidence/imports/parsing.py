"""Reading and checking an incident CSV in the GTD-like layout, before anything is written.

Columns (names case-insensitive; extra columns are ignored, as a full GTD export has ~130):
`eventid, iyear, imonth, iday, country, provstate, city, targtype1, gname, claimed, nkill,
nwound, summary, scite1`. As in the GTD, a month or day of 0 means "unknown" (the date is then
known to the year or the month), `claimed` is 1 (claimed), 0 (not claimed) or -9/empty
(unknown), and an empty `nkill`/`nwound` means the figure is not known.

Every problem is reported per row and column, so that a whole file can be corrected at once.
"""

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.utils import timezone

from common.errors import InvalidInput, PayloadTooLarge
from evidence.models import Actor, Fact

__all__ = [
    "COLUMNS",
    "IncidentRow",
    "ParsedFile",
    "RowError",
    "incidents_csv_parse",
    "target_type_from_gtd",
]

COLUMNS = (
    "eventid",
    "iyear",
    "imonth",
    "iday",
    "country",
    "provstate",
    "city",
    "targtype1",
    "gname",
    "claimed",
    "nkill",
    "nwound",
    "summary",
    "scite1",
)
_MAX_CHARS = {
    "eventid": 64,
    "country": 100,
    "provstate": 100,
    "city": 200,
    "gname": 200,
    "summary": 20_000,
    "scite1": 2_000,
}
_EVENTID_RE = re.compile(r"^[\w.:/-]+$")
# The GTD's unknown-perpetrator value: no actor, rather than an unknown actor.
_UNKNOWN_GROUP = {"", "unknown", "unknown group"}

# GTD target types (code and label) → Fact.TargetType.
_GTD_TARGETS: dict[str, str] = {}
for _code, _label, _ours in [
    (1, "Business", "civilians"),
    (2, "Government (General)", "government"),
    (3, "Police", "police"),
    (4, "Military", "military"),
    (5, "Abortion Related", "health"),
    (6, "Airports & Aircraft", "transport"),
    (7, "Government (Diplomatic)", "government"),
    (8, "Educational Institution", "education"),
    (9, "Food or Water Supply", "other"),
    (10, "Journalists & Media", "civilians"),
    (11, "Maritime", "transport"),
    (12, "NGO", "civilians"),
    (13, "Other", "other"),
    (14, "Private Citizens & Property", "civilians"),
    (15, "Religious Figures/Institutions", "religious_figure"),
    (16, "Telecommunication", "other"),
    (17, "Terrorists/Non-State Militia", "other"),
    (18, "Tourists", "civilians"),
    (19, "Transportation", "transport"),
    (20, "Unknown", ""),
    (21, "Utilities", "other"),
    (22, "Violent Political Party", "other"),
]:
    _GTD_TARGETS[str(_code)] = _ours
    _GTD_TARGETS[_label.casefold()] = _ours
for _value, _label in Fact.TargetType.choices:
    _GTD_TARGETS.setdefault(_value, _value)
    _GTD_TARGETS.setdefault(str(_label).casefold(), _value)


def target_type_from_gtd(value: str) -> str | None:
    """Our target type for a GTD code or label (or one of our own); None if unknown."""
    return _GTD_TARGETS.get(value.strip().casefold())


@dataclass(frozen=True)
class RowError:
    """One problem in one row: the line of the file, its eventid, the column and why."""

    row: int
    eventid: str
    column: str
    message: str

    def as_dict(self) -> dict[str, object]:
        return {
            "row": self.row,
            "eventid": self.eventid,
            "column": self.column,
            "message": self.message,
        }


@dataclass(frozen=True)
class IncidentRow:
    """A valid row, with its values converted."""

    row: int
    eventid: str
    occurred_on: date
    date_precision: str
    country: str
    province: str
    place: str
    target_type: str
    actor: Actor | None
    claimed: bool
    killed: int | None
    wounded: int | None
    summary: str
    citation: str


@dataclass
class ParsedFile:
    """The valid rows and the errors of the invalid ones, in file order."""

    rows: list[IncidentRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    row_count: int = 0

    @property
    def invalid_rows(self) -> int:
        return len({error.row for error in self.errors})


def _decode(data: bytes) -> str:
    limit = settings.INCIDENT_IMPORT_MAX_BYTES
    if len(data) > limit:
        raise PayloadTooLarge(f"The file is {len(data)} bytes; the limit is {limit}.", field="file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidInput(
            f"The file is not UTF-8 text (byte {error.start} cannot be read).", field="file"
        ) from None
    if "\x00" in text:
        raise InvalidInput("The file contains NUL bytes; it is not a CSV text file.", field="file")
    if not text.strip():
        raise InvalidInput("The file is empty.", field="file")
    return text


def _header(reader: Iterator[list[str]]) -> dict[str, int]:
    try:
        names = next(reader)
    except StopIteration:
        raise InvalidInput("The file is empty.", field="file") from None
    except csv.Error as error:
        raise InvalidInput(f"The header cannot be read: {error}.", field="file") from None
    positions: dict[str, int] = {}
    for index, name in enumerate(names):
        positions.setdefault(name.strip().casefold(), index)
    missing = [column for column in COLUMNS if column not in positions]
    if missing:
        raise InvalidInput(
            f"The header lacks the column(s) {', '.join(missing)}; an incident file needs "
            f"{', '.join(COLUMNS)}.",
            field="file",
        )
    return positions


class _Row:
    """One raw row being checked; collects its errors."""

    def __init__(self, line: int, values: dict[str, str]) -> None:
        self.line = line
        self.values = values
        self.eventid = values["eventid"]
        self.errors: list[RowError] = []

    def error(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.line, self.eventid, column, message))

    def integer(self, column: str, *, low: int, high: int, required: bool) -> int | None:
        raw = self.values[column]
        if raw == "":
            if required:
                self.error(column, "A number is required.")
            return None
        try:
            number = float(raw.replace(",", ""))
        except ValueError:
            self.error(column, f"'{raw[:40]}' is not a number.")
            return None
        if number != int(number):
            self.error(column, f"'{raw[:40]}' is not a whole number.")
            return None
        if not low <= number <= high:
            self.error(column, f"{int(number)} is out of range ({low}–{high}).")
            return None
        return int(number)


def _occurred_on(row: _Row) -> tuple[date, str] | None:
    year = row.integer("iyear", low=1900, high=timezone.now().year, required=True)
    month = row.integer("imonth", low=0, high=12, required=False) or 0
    day = row.integer("iday", low=0, high=31, required=False) or 0
    if year is None:
        return None
    if month == 0 and day:
        row.error("imonth", "A day is given without its month.")
        return None
    precision = "day" if day else "month" if month else "year"
    try:
        when = date(year, month or 1, day or 1)
    except ValueError:
        row.error("iday", f"{year}-{month:02d}-{day:02d} is not a date.")
        return None
    if when > timezone.localdate():
        row.error("iyear", f"{when.isoformat()} is in the future.")
        return None
    return when, precision


def _check(row: _Row, find_actor: Callable[[str], Actor | None]) -> IncidentRow | None:
    values = row.values
    if not row.eventid:
        row.error("eventid", "An eventid is required.")
    elif not _EVENTID_RE.match(row.eventid):
        row.error("eventid", "An eventid may hold letters, digits and . : / - only.")
    for column, limit in _MAX_CHARS.items():
        if len(values[column]) > limit:
            row.error(column, f"Longer than {limit} characters.")
    when = _occurred_on(row)
    target_type = target_type_from_gtd(values["targtype1"]) if values["targtype1"] else ""
    if target_type is None:
        row.error("targtype1", f"'{values['targtype1'][:40]}' is not a known target type.")
    actor = None
    if values["gname"].casefold() not in _UNKNOWN_GROUP:
        actor = find_actor(values["gname"])
        if actor is None:
            row.error(
                "gname",
                f"Unknown actor '{values['gname'][:80]}': register it (or add the name as an "
                "alias of a known actor) first.",
            )
    claimed = row.integer("claimed", low=-9, high=1, required=False)
    if claimed is not None and claimed not in (-9, 0, 1):
        row.error("claimed", "Must be 1 (claimed), 0 (not claimed) or -9 (unknown).")
    killed = row.integer("nkill", low=0, high=1_000_000, required=False)
    wounded = row.integer("nwound", low=0, high=1_000_000, required=False)
    if not values["summary"]:
        row.error("summary", "A summary is required: it is the excerpt the figures rest on.")
    if row.errors or when is None or target_type is None:
        return None
    return IncidentRow(
        row=row.line,
        eventid=row.eventid,
        occurred_on=when[0],
        date_precision=when[1],
        country=values["country"],
        province=values["provstate"],
        place=values["city"],
        target_type=target_type,
        actor=actor,
        claimed=claimed == 1,
        killed=killed,
        wounded=wounded,
        summary=values["summary"],
        citation=values["scite1"],
    )


def incidents_csv_parse(data: bytes, *, find_actor: Callable[[str], Actor | None]) -> ParsedFile:
    """Check every row of an incident CSV. A file that cannot be read at all (not UTF-8, NUL
    bytes, too large, missing columns) raises InvalidInput/PayloadTooLarge on `file`; problems
    in rows are returned as `RowError`s. `find_actor` resolves `gname` (names and aliases)."""
    text = _decode(data)
    reader = csv.reader(io.StringIO(text, newline=""))
    positions = _header(reader)
    parsed = ParsedFile()
    seen: dict[str, int] = {}
    max_rows = settings.INCIDENT_IMPORT_MAX_ROWS
    last_line = reader.line_num
    try:
        for cells in reader:
            # The row's first line (a quoted summary may span several lines).
            line, last_line = last_line + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            parsed.row_count += 1
            if parsed.row_count > max_rows:
                raise InvalidInput(
                    f"The file has more than {max_rows} rows; split it.", field="file"
                )
            values = {
                column: (cells[positions[column]] if positions[column] < len(cells) else "")
                .replace("\x00", "")
                .strip()
                for column in COLUMNS
            }
            row = _Row(line, values)
            incident = _check(row, find_actor)
            if row.eventid and row.eventid in seen:
                row.error("eventid", f"The same eventid is already on line {seen[row.eventid]}.")
                incident = None
            seen.setdefault(row.eventid, line)
            parsed.errors.extend(row.errors)
            if incident is not None:
                parsed.rows.append(incident)
    except csv.Error as error:
        raise InvalidInput(
            f"Line {reader.line_num} cannot be read: {error}.", field="file"
        ) from None
    return parsed
