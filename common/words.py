"""Sentences a service says in English that a page says in the reader's language.

The API answers in English (API.md) and scripts compare its words; the pages speak the reader's
language. So a service builds each sentence once, as `Words(msgid, **values)`: it *is* the
English sentence (a `str`: the API, the logs and the tests read it unchanged), and it keeps its
msgid and values, so that a page looks the msgid up in the catalogue and fills in the same
values (`in_reader_language`). A value may itself be `Words` (a phrase such as "edit the
campaign"), translated the same way. `make messages` collects every `Words("…")` as it collects
`gettext("…")` (common/management/commands/makemessages.py).
"""

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext, pgettext

__all__ = ["Words", "in_reader_language", "problem_words"]


class Words(str):
    msgid: str
    values: dict[str, Any]
    context: str | None = None

    def __new__(cls, msgid: str, /, **values: Any) -> "Words":
        words = super().__new__(cls, msgid % values if values else msgid)
        words.msgid = msgid
        words.values = values
        return words

    @classmethod
    def in_context(cls, context: str, msgid: str, /, **values: Any) -> "Words":
        """The same English as `Words(msgid)`, translated as `pgettext(context, msgid)`: for
        a msgid the catalogue already holds with other words ("approve", a button there; "to
        approve", inside a refusal here)."""
        words = cls(msgid, **values)
        words.context = context
        return words

    @classmethod
    def lowercase(cls, label: str) -> "Words":
        """A label (a status's, say) in lower case inside an English sentence ("the campaign is
        in review"); translated as the label itself (the catalogue holds "In review")."""
        words = super().__new__(cls, str(label).lower())
        words.msgid = str(label)
        words.values = {}
        return words

    @classmethod
    def one_of_lowercase(cls, labels: "Iterable[str]") -> "Words":
        """Labels in lower case and alphabetical order, each translated, joined by the
        reader's "or": "draft or in review"."""
        *first, phrase = [cls.lowercase(label) for label in sorted(labels, key=str.lower)]
        for label in reversed(first):  # "a or (b or c)": the English reads "a or b or c"
            phrase = Words("%(first)s or %(rest)s", first=label, rest=phrase)
        return phrase


def in_reader_language(text: Any) -> Any:
    """`text` in the active language if it is `Words` (without a translation, the English
    sentence whole); anything else as it is."""
    if not isinstance(text, Words):
        return text
    said = gettext(text.msgid) if text.context is None else pgettext(text.context, text.msgid)
    if said == text.msgid:
        # Untranslated (an English page, say): the English as the service built it, which
        # may differ from the msgid ("in review", from the label "In review").
        return str(text)
    if not text.values:
        return said
    return said % {name: in_reader_language(value) for name, value in text.values.items()}


def problem_words(problem: dict[str, Any]) -> str:
    """A `problems` item's message (API.md) in the reader's language; its code if it has no
    message."""
    return str(in_reader_language(problem.get("message")) or problem.get("code", ""))
