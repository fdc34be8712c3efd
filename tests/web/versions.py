"""Edits in page tests the way a browser makes them: open the edit page, send its hidden
`version` back with the form (`web.versioning`)."""

import html
import re
from typing import Any

__all__ = ["opened_version"]

_VERSION = re.compile(r'<input type="hidden" name="version" value="([^"]*)"')


def opened_version(client: Any, url: str) -> str:
    """The version the edit page at `url` carries now, as a browser would send it back."""
    page = client.get(url).content.decode()
    found = _VERSION.search(page)
    assert found, "the edit page carries no version"
    return html.unescape(found.group(1))
