"""A readable word-level difference between two revisions of a message (difflib)."""

import difflib
import re
from dataclasses import dataclass

__all__ = ["DiffPart", "word_diff"]

# Words and the spaces between them are separate tokens, so a changed word shows alone and the
# spacing of the text (line breaks in a radio script) is kept.
_TOKENS = re.compile(r"\s+|\w+(?:['’]\w+)*|[^\w\s]")


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
    return _merged(parts)


def _merged(parts: list[DiffPart]) -> list[DiffPart]:
    """Neighbouring runs of one kind joined, and a lone space between two changes counted as
    changed, so "75" → "at least 70" reads as one replacement, not three."""
    for i in range(1, len(parts) - 1):
        if parts[i].kind == "same" and not parts[i].text.strip():
            before, after = parts[i - 1].kind, parts[i + 1].kind
            if before != "same" and after != "same":
                parts[i] = DiffPart("both", parts[i].text)
    result: list[DiffPart] = []
    pending: dict[str, str] = {"removed": "", "added": ""}
    for part in [*parts, DiffPart("same", "")]:
        if part.kind == "both":
            pending["removed"] += part.text
            pending["added"] += part.text
            continue
        if part.kind in pending:
            pending[part.kind] += part.text
            continue
        result.extend(DiffPart(kind, pending[kind]) for kind in pending if pending[kind])
        pending = {"removed": "", "added": ""}
        if part.text:
            if result and result[-1].kind == "same":
                result[-1] = DiffPart("same", result[-1].text + part.text)
            else:
                result.append(part)
    return result
