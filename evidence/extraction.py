"""Extracting the text of an uploaded source document (.txt, .html, .pdf, .docx), within limits.

An upload can cost far more than its size: a 0.5 MB .docx may inflate to gigabytes, a 1 MB PDF
may hold 10,000 pages. So every limit is applied WHILE reading, never after:

- a .docx (a zip) is refused from the sizes its directory declares, then its document part is
  streamed through a counting reader that stops at the cap (declared sizes can lie) and parsed
  incrementally (lxml iterparse, entities not resolved);
- a PDF is refused from the page count in its page tree before any page is read, then read page
  by page until the text or the time runs out;
- the extraction itself runs in a separate Python process (`text_from_upload` starts it) whose
  address space and CPU time are capped by the kernel (RLIMIT_AS, RLIMIT_CPU) and which is
  killed at a wall-clock deadline. A document that still needs more gets a 413 on `file`; the
  web process never holds the inflated bytes.

This module imports nothing from Django, so the child process starts quickly.
"""

import io
import json
import logging
import os
import re
import subprocess
import sys
import time
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path, PurePath
from typing import IO, Any

from common.errors import DomainError, InvalidInput, PayloadTooLarge
from common.text import text_for_xml

__all__ = ["SUPPORTED_EXTENSIONS", "ExtractionLimits", "extract_text", "text_from_upload"]

logger = logging.getLogger(__name__)

SUPPORTED_EXTENSIONS = (".txt", ".html", ".htm", ".pdf", ".docx")
_PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class ExtractionLimits:
    """What reading one upload may cost. Defaults are generous for real articles and reports."""

    max_chars: int = 1_000_000
    max_decompressed_bytes: int = 50 * 1024 * 1024
    max_pages: int = 1_000
    max_seconds: float = 20.0
    max_memory_bytes: int = 512 * 1024 * 1024


class _TooLarge(PayloadTooLarge):
    def __init__(self, message: str) -> None:
        super().__init__(message, field="file")


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            break  # only trust UTF-16 with its byte-order mark
        return text
    raise InvalidInput("The file is not valid UTF-8 text.", field="file")


def _html(data: bytes) -> str:
    import trafilatura

    html = _decode(data)
    text = trafilatura.extract(html, include_comments=False, include_tables=True)
    if not text:
        # Not an article layout trafilatura recognises: fall back to all visible text.
        from lxml import html as lxml_html

        try:
            text = lxml_html.fromstring(html).text_content()
        except Exception:  # lxml raises several types on garbage
            text = ""
    return text or ""


class _Deadline:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.ends = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.ends:
            raise _TooLarge(f"The file takes more than {self.seconds:g} s to read.")


class _TextBudget:
    """Collects extracted text and stops as soon as it passes the character limit."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.parts: list[str] = []
        self.size = 0

    def add(self, text: str) -> None:
        self.size += len(text) + 2
        if self.size > self.limit:
            raise _TooLarge(f"The file holds more than {self.limit} characters of text.")
        self.parts.append(text)

    def text(self) -> str:
        return "\n\n".join(self.parts)


def _pdf(data: bytes, limits: ExtractionLimits, deadline: _Deadline) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        raise InvalidInput("The PDF is encrypted; upload an unprotected copy.", field="file")
    # The page tree's own count: known before a single page is read or the tree is walked.
    declared = reader.trailer["/Root"]["/Pages"].get("/Count", 0)  # type: ignore[index]
    if not isinstance(declared, int) or declared > limits.max_pages:
        raise _TooLarge(f"The PDF has {declared} pages; the limit is {limits.max_pages}.")
    budget = _TextBudget(limits.max_chars)
    for number, page in enumerate(reader.pages, start=1):
        if number > limits.max_pages:  # a page tree whose /Count lies
            raise _TooLarge(f"The PDF has more than {limits.max_pages} pages.")
        deadline.check()
        budget.add((page.extract_text() or "").strip())
    return budget.text()


class _CappedReader(io.RawIOBase):
    """A zip member read through a counter: past `limit` bytes it refuses the whole file."""

    def __init__(self, member: IO[bytes], limit: int, deadline: _Deadline) -> None:
        self.member, self.limit, self.deadline, self.count = member, limit, deadline, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        self.deadline.check()
        chunk = self.member.read(min(len(buffer), 64 * 1024))
        self.count += len(chunk)
        if self.count > self.limit:
            raise _TooLarge(f"The document expands to more than {self.limit} bytes.")
        buffer[: len(chunk)] = chunk
        return len(chunk)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx(data: bytes, limits: ExtractionLimits, deadline: _Deadline) -> str:
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        declared = sum(info.file_size for info in archive.infolist())
        if declared > limits.max_decompressed_bytes:
            raise _TooLarge(
                f"The document expands to {declared} bytes; the limit is "
                f"{limits.max_decompressed_bytes}."
            )
        try:
            member = archive.open("word/document.xml")
        except KeyError:
            raise InvalidInput("The file is not a Word document.", field="file") from None
        with member:
            stream = io.BufferedReader(
                _CappedReader(member, limits.max_decompressed_bytes, deadline)
            )
            budget = _TextBudget(limits.max_chars)
            # Entities are never expanded (no "billion laughs"), nothing is fetched.
            events = etree.iterparse(
                stream,
                events=("end",),
                tag=f"{_W}p",
                resolve_entities=False,
                no_network=True,
                huge_tree=False,
            )
            for _, paragraph in events:
                text = "".join(_run_text(node) for node in paragraph.iter())
                if text.strip():
                    budget.add(text)
                paragraph.clear()  # keep memory flat: done with this paragraph
    return budget.text()


def _run_text(node: Any) -> str:
    if node.tag == f"{_W}t":
        return node.text or ""
    if node.tag == f"{_W}tab":
        return "\t"
    if node.tag in (f"{_W}br", f"{_W}cr"):
        return "\n"
    return ""


def extract_text(*, name: str, data: bytes, limits: ExtractionLimits) -> str:
    """The text of a document, in THIS process (the child `text_from_upload` starts). Raises
    `InvalidInput`/`PayloadTooLarge` on `file`."""
    extension = PurePath(name or "").suffix.lower()
    if extension not in SUPPORTED_EXTENSIONS:
        raise InvalidInput(
            f"Unsupported file type '{extension or name}'; upload "
            + ", ".join(SUPPORTED_EXTENSIONS)
            + ".",
            field="file",
        )
    deadline = _Deadline(limits.max_seconds)
    try:
        if extension == ".txt":
            text = _decode(data)
        elif extension in (".html", ".htm"):
            text = _html(data)
        elif extension == ".pdf":
            text = _pdf(data, limits, deadline)
        else:
            text = _docx(data, limits, deadline)
    except DomainError:
        raise
    except MemoryError:
        raise _TooLarge("The file needs more memory to read than allowed.") from None
    except Exception as error:  # each library raises its own types on a corrupt file
        logger.info("unreadable upload", extra={"upload": name, "error": repr(error)})
        raise InvalidInput(
            f"The file could not be read as {extension[1:].upper()}.", field="file"
        ) from None
    if extension == ".txt" and "\x00" in text:
        raise InvalidInput("Must not contain NUL bytes.", field="file")
    # Extractors leave stray NULs and control characters behind: the stored text must be text.
    text = text_for_xml(text).replace("\x7f", "")
    if len(text) > limits.max_chars:
        raise _TooLarge(f"The file holds more than {limits.max_chars} characters of text.")
    if not text.strip():
        raise InvalidInput("No text could be extracted from the file.", field="file")
    return text


_PAGE_COUNT = re.compile(rb"/Count\s+(\d{1,12})")


def _pdf_pages_precheck(data: bytes, limits: ExtractionLimits) -> None:
    """The largest page count written in plain sight: refused before a process is started or
    the cross-reference table is parsed (counts inside compressed object streams are checked
    by the child, from the page tree)."""
    declared = max((int(m.group(1)) for m in _PAGE_COUNT.finditer(data)), default=0)
    if declared > limits.max_pages:
        raise _TooLarge(f"The PDF has {declared} pages; the limit is {limits.max_pages}.")


def text_from_upload(*, name: str, data: bytes, limits: ExtractionLimits | None = None) -> str:
    """The text of an uploaded document, read in a child process bounded in memory, CPU time and
    wall-clock time. Anything the child cannot finish within them is a 413 on `file`."""
    limits = limits or ExtractionLimits()
    if PurePath(name or "").suffix.lower() == ".pdf":
        _pdf_pages_precheck(data, limits)
    request = json.dumps({"name": name, "limits": asdict(limits)}).encode() + b"\n" + data
    try:
        done = subprocess.run(
            [sys.executable, "-m", "evidence.extraction"],
            input=request,
            capture_output=True,
            timeout=limits.max_seconds + 5,
            cwd=_PROJECT_ROOT,
            env={**os.environ, "PYTHONPATH": str(_PROJECT_ROOT)},
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise _TooLarge(f"The file takes more than {limits.max_seconds:g} s to read.") from None
    try:
        answer = json.loads(done.stdout.decode("utf-8"))
    except ValueError:
        # Killed by the kernel (memory or CPU limit) before it could answer.
        logger.info("extraction died", extra={"upload": name, "code": done.returncode})
        raise _TooLarge("The file needs more memory or time to read than allowed.") from None
    if "text" in answer:
        return str(answer["text"])
    if answer.get("status") == 413:
        raise _TooLarge(answer["message"])
    raise InvalidInput(answer["message"], field="file")


def _child() -> None:
    """Entry point of the child process: header line (JSON), then the file's bytes on stdin."""
    import resource

    raw = sys.stdin.buffer.read()
    header, _, data = raw.partition(b"\n")
    request = json.loads(header)
    limits = ExtractionLimits(**request["limits"])
    resource.setrlimit(resource.RLIMIT_AS, (limits.max_memory_bytes, limits.max_memory_bytes))
    cpu = int(limits.max_seconds) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    try:
        answer: dict[str, Any] = {
            "text": extract_text(name=request["name"], data=data, limits=limits)
        }
    except InvalidInput as error:
        answer = {"status": 400, "message": " ".join(next(iter(error.errors.values())))}
    except DomainError as error:
        answer = {"status": error.status_code, "message": error.message}
    sys.stdout.write(json.dumps(answer))


if __name__ == "__main__":
    _child()
