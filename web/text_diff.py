"""A readable word-level difference between two revisions of a message (difflib)."""

import difflib
import re
from dataclasses import dataclass

__all__ = ["DiffPart", "word_diff"]

# Words and the spaces between them are separate tokens, so a changed word shows alone and the
# spacing of the text (line breaks in a radio script) is kept.
_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class DiffPart:
    """A run of the text: `kind` is "same", "added" (shown as <ins>) or "removed" (<del>)."""

    kind: str
    text: str


def word_diff(before: str, after: str) -> list[DiffPart]:
    old, new = _TOKENS.findall(before), _TOKENS.findall(after)
    parts: list[DiffPart] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(DiffPart("same", "".join(old[a1:a2])))
            continue
        if op in ("replace", "delete"):
            parts.append(DiffPart("removed", "".join(old[a1:a2])))
        if op in ("replace", "insert"):
            parts.append(DiffPart("added", "".join(new[b1:b2])))
    return parts
