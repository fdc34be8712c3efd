"""Text handling shared by the evidence services: normalisation and input checks.

Quotes are compared after normalisation, because the same article copied from two places differs
in curly vs straight quotes, dash style, Unicode composition and line wrapping, never in words.
"""

import re
import unicodedata
from typing import Any

from common.errors import InvalidInput, PayloadTooLarge
from common.text import kind_of_field, text_refuse

__all__ = [
    "QUOTE_DASH_TABLE",
    "normalize_text",
    "text_check",
    "text_fields_check",
]

# One character for one character, so offsets survive the translation (see evidence.anchoring).
QUOTE_DASH_TABLE = str.maketrans(
    {
        "\u2018": "'",  # ‘
        "\u2019": "'",  # ’
        "\u201a": "'",  # ‚
        "\u201b": "'",  # ‛
        "\u2032": "'",  # ′
        "\u201c": '"',  # “
        "\u201d": '"',  # ”
        "\u201e": '"',  # „
        "\u201f": '"',  # ‟
        "\u2033": '"',  # ″
        "\u00ab": '"',  # «
        "\u00bb": '"',  # »
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2012": "-",  # figure dash
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u2015": "-",  # horizontal bar
        "\u2212": "-",  # minus sign
    }
)

WHITESPACE_RUN = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """Unicode NFC, curly quotes → straight, en/em dashes → "-", runs of whitespace → one
    space, stripped."""
    text = unicodedata.normalize("NFC", text).translate(QUOTE_DASH_TABLE)
    return WHITESPACE_RUN.sub(" ", text).strip()


def text_check(value: Any, *, field: str, max_chars: int | None = None) -> str:
    """Refuse what a database or a reader cannot take: not a string, what `common.text`
    refuses for a field of this name (NUL, control and bidi characters, lone surrogates), more
    than `max_chars` characters (413). Returns the value unchanged."""
    if not isinstance(value, str):
        raise InvalidInput("Must be text.", field=field)
    text_refuse(value, field=field, kind=kind_of_field(field))
    if max_chars is not None and len(value) > max_chars:
        raise PayloadTooLarge(
            f"Text is {len(value)} characters long; the limit is {max_chars}.", field=field
        )
    return value


def text_fields_check(fields: dict[str, Any]) -> None:
    """`text_check` every string value of `fields` (lists of strings too)."""
    for name, value in fields.items():
        if isinstance(value, str):
            text_check(value, field=name)
        elif isinstance(value, list | tuple):
            for item in value:
                if isinstance(item, str):
                    text_check(item, field=name)
