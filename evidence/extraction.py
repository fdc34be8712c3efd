"""Extracting the text of an uploaded source document (.txt, .html, .pdf, .docx).

Each format is read by a well-kept library: trafilatura for HTML (the article, without menus and
footers), pypdf for PDF, python-docx for Word. Anything unreadable is the client's problem to
fix, so it becomes a 400 naming `file`, never a 500.
"""

import io
import logging
from pathlib import PurePath

from common.errors import InvalidInput
from evidence.text import text_check

__all__ = ["SUPPORTED_EXTENSIONS", "text_from_upload"]

logger = logging.getLogger(__name__)

SUPPORTED_EXTENSIONS = (".txt", ".html", ".htm", ".pdf", ".docx")


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


def _pdf(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        raise InvalidInput("The PDF is encrypted; upload an unprotected copy.", field="file")
    return "\n\n".join((page.extract_text() or "").strip() for page in reader.pages)


def _docx(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    return "\n\n".join(p.text for p in document.paragraphs if p.text.strip())


def text_from_upload(*, name: str, data: bytes) -> str:
    """The text of an uploaded document, chosen by its file extension."""
    extension = PurePath(name or "").suffix.lower()
    if extension not in SUPPORTED_EXTENSIONS:
        raise InvalidInput(
            f"Unsupported file type '{extension or name}'; upload "
            + ", ".join(SUPPORTED_EXTENSIONS)
            + ".",
            field="file",
        )
    try:
        if extension == ".txt":
            text = _decode(data)
        elif extension in (".html", ".htm"):
            text = _html(data)
        elif extension == ".pdf":
            text = _pdf(data)
        else:
            text = _docx(data)
    except InvalidInput:
        raise
    except Exception as error:  # each library raises its own types on a corrupt file
        logger.info("unreadable upload", extra={"upload": name, "error": repr(error)})
        raise InvalidInput(
            f"The file could not be read as {extension[1:].upper()}.", field="file"
        ) from None
    if extension == ".txt":
        text_check(text, field="file")  # a text file with NUL bytes is not text
    else:
        text = text.replace("\x00", "")  # PDF/Word extractors leave stray NULs behind
    if not text.strip():
        raise InvalidInput("No text could be extracted from the file.", field="file")
    return text
