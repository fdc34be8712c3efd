"""Incident CSV files for the import page tests (GTD-like layout)."""

import csv
import io

__all__ = ["HEADER", "csv_bytes", "incident_row"]

HEADER = [
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
]


def incident_row(n: int, **values: object) -> dict[str, object]:
    base: dict[str, object] = {
        "eventid": f"20161024{n:04d}",
        "iyear": 2016,
        "imonth": 10,
        "iday": 24,
        "country": "Pakistan",
        "provstate": "Balochistan",
        "city": "Quetta",
        "targtype1": "Police",
        "gname": "Lashkar-e-Jhangvi Al-Alami",
        "claimed": 1,
        "nkill": 61,
        "nwound": 165,
        "summary": f"Assailants attacked police post number {n} in Quetta.",
        "scite1": "The Media Line, December 19, 2017",
    }
    base.update(values)
    return base


def csv_bytes(*rows: dict[str, object]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=HEADER)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode()
