"""Fonts shipped as Python packages, so Urdu and Arabic render (and extract) on any machine.

Amiri (fontpkg-amiri) is a static font: WeasyPrint embeds it and text extraction reads back
the right letters, which a variable font such as Noto Sans Arabic does not (TOOLCHAIN.md).
DejaVu, present on the machines, sets the Latin text.
"""

import base64
from functools import cache
from pathlib import Path

import fontpkg

__all__ = ["LATIN_FAMILY", "RTL_FAMILY", "font_face_css", "rtl_font_path"]

RTL_FAMILY = "Amiri"
LATIN_FAMILY = "DejaVu Sans"


@cache
def rtl_font_path(weight: int = 400) -> Path:
    return Path(fontpkg.path(RTL_FAMILY, weight=weight, nearest=True))


@cache
def _data_uri(path: Path) -> str:
    return "data:font/ttf;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def font_face_css(*, embed: bool) -> str:
    """`@font-face` rules for Amiri: a file URL for WeasyPrint, or the font itself inlined
    for a self-contained HTML file."""
    rules = []
    for weight in (400, 700):
        path = rtl_font_path(weight)
        url = _data_uri(path) if embed else path.as_uri()
        rules.append(
            f"@font-face {{ font-family: '{RTL_FAMILY}'; font-weight: {weight}; "
            f"src: url('{url}') format('truetype'); }}"
        )
    return "\n".join(rules)
