"""THE check of text a client sends, used by the parsers, the serializers, the services and the
page forms, so each refuses the same characters in the same words.

Refused everywhere: NUL and the other C0/C1 control characters (tab, line feed and carriage
return are allowed where text may span lines), DEL, lone surrogates and the non-characters
U+FFFE/U+FFFF. None of them is text a person writes; a database or an XML document (a DOCX
report) cannot hold some of them, and from then on every report that includes them would fail.

Bidirectional controls are decided per kind of field:

- `NAME` (names, titles, aliases, codes; one line): no line breaks, no bidi embedding, override
  or isolate at all (U+202A–U+202E, U+2066–U+2069). A name that displays in another order than
  it is stored is a way to impersonate ("Trojan Source").
- `PROSE` (message text, excerpts, summaries, comments): line breaks allowed; the isolates
  U+2066–U+2069 are allowed because writers of Urdu and Arabic use them to keep an English
  fragment or a number in place; embeddings and overrides (U+202A–U+202E) are refused, because
  they reorder everything after them up to the end of the paragraph.
"""

import dataclasses
import re
from enum import StrEnum
from typing import Any

from common.errors import InvalidInput

__all__ = [
    "PROSE_FIELDS",
    "TextKind",
    "kind_of_field",
    "spreadsheet_cell",
    "text_for_xml",
    "text_pattern",
    "text_problem",
    "text_refuse",
    "xml_safe",
]


class TextKind(StrEnum):
    NAME = "name"
    PROSE = "prose"


# Fields whose value is running text (may span lines, may hold bidi isolates); every other
# text field is a name, a title, a code or a list of them.
PROSE_FIELDS = frozenset(
    {
        "call_to_action",
        "claim",
        "comment",
        "description",
        "exact",
        "goal",
        "password",
        "prefix",
        "reason",
        "recommendation_clause",
        "review_comment",
        "suffix",
        "summary",
        "text",
        "wording",
    }
)


def kind_of_field(field: str) -> TextKind:
    """The kind of text a field holds, by its name (the same name in the API and the forms)."""
    return TextKind.PROSE if field in PROSE_FIELDS else TextKind.NAME


_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_NON_CHARACTERS = "\ufffe\uffff"
_SURROGATES = "\ud800-\udfff"
_EMBEDDINGS_OVERRIDES = "\u202a-\u202e"
_ISOLATES = "\u2066-\u2069"

_REFUSED_CLASS = {
    TextKind.PROSE: f"{_CONTROLS}{_NON_CHARACTERS}{_SURROGATES}{_EMBEDDINGS_OVERRIDES}",
    TextKind.NAME: (
        f"{_CONTROLS}\t\n\r{_NON_CHARACTERS}{_SURROGATES}{_EMBEDDINGS_OVERRIDES}{_ISOLATES}"
    ),
}
_REFUSED = {kind: re.compile(f"[{chars}]") for kind, chars in _REFUSED_CLASS.items()}

# What XML 1.0 cannot hold: a renderer strips it from text stored before these checks existed.
_NOT_XML = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f{_NON_CHARACTERS}{_SURROGATES}]")


def _describe(char: str) -> str:
    code = ord(char)
    if char == "\x00":
        return "NUL bytes"
    if 0xD800 <= code <= 0xDFFF:
        return "invalid Unicode (a lone surrogate)"
    if char in "\t\n\r":
        return "line breaks or tabs"
    if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        return f"a bidirectional control character (U+{code:04X})"
    if char in _NON_CHARACTERS:
        return f"a Unicode non-character (U+{code:04X})"
    return f"a control character (U+{code:04X})"


def text_problem(value: str, *, kind: TextKind = TextKind.PROSE) -> str | None:
    """Why `value` is refused as text of this kind, in a user's words; None when it is fine."""
    match = _REFUSED[kind].search(value)
    if match is None:
        return None
    return f"Must not contain {_describe(match.group())}."


def text_pattern(kind: TextKind) -> str:
    """The same rule as a regular expression for the OpenAPI schema (`pattern`): text without
    any refused character, each written as a `\\uXXXX` escape that ECMA-262 and Python read
    alike. Lone surrogates are left out: UTF-8 cannot carry them (only a JSON `\\ud800` escape
    can, which the parsers refuse), and the regex engines of schema validators cannot name them."""
    chars = _REFUSED_CLASS[kind].replace(_SURROGATES, "")
    escaped = "".join(char if char == "-" else f"\\u{ord(char):04x}" for char in chars)
    return f"^[^{escaped}]*$"


def text_refuse(value: Any, *, field: str, kind: TextKind = TextKind.PROSE) -> None:
    """Raise `InvalidInput` naming `field` when `value` (a string, or a list of them) holds a
    refused character. Anything that is not text is left to the caller's type checks."""
    values = value if isinstance(value, list | tuple) else [value]
    for item in values:
        if isinstance(item, str):
            problem = text_problem(item, kind=kind)
            if problem:
                raise InvalidInput(problem, field=field)


# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: str) -> str:
    """A text cell for a CSV file that a spreadsheet will show as text, never run as a formula
    (`=HYPERLINK(…)`): prefixed with an apostrophe, as OWASP advises."""
    if value.startswith(_FORMULA_START):
        return "'" + value
    return value


def xml_safe(value: Any) -> Any:
    """A copy of a render context (dataclasses, lists, tuples, dicts) whose every string went
    through `text_for_xml`."""
    if isinstance(value, str):
        return text_for_xml(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            field.name: xml_safe(getattr(value, field.name))
            for field in dataclasses.fields(value)
            if field.init
        }
        return dataclasses.replace(value, **changes)
    if isinstance(value, list | tuple):
        return type(value)(xml_safe(item) for item in value)
    if isinstance(value, dict):
        return {key: xml_safe(item) for key, item in value.items()}
    return value


def text_for_xml(value: str) -> str:
    """`value` without the characters XML cannot hold (stored before they were refused, or
    extracted from an uploaded document): a renderer never fails on stored text."""
    return _NOT_XML.sub("", value)
