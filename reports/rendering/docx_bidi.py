"""Right-to-left text in DOCX. python-docx has no right-to-left API, so an RTL paragraph gets
`<w:bidi/>` in its paragraph properties (in schema order) and its runs `w:rtl` plus the
complex-script font; it is not also right-aligned, which makes LibreOffice show it
left-aligned (TOOLCHAIN.md). Hashtags, numbers and Latin words inside it are runs of their
own, wrapped in Unicode isolates (common.bidi) and not marked `w:rtl` when they read left to
right, so Word and LibreOffice both keep the "#" with its word."""

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from common.bidi import FSI, PDI, bidi_fragments, bidi_isolate, direction_of

from .fonts import RTL_FAMILY

__all__ = ["mark_rtl", "write_directed"]

# The children of w:pPr that come after w:bidi (ECMA-376 CT_PPrBase order).
_AFTER_BIDI = (
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
    "w:pPrChange",
)  # fmt: skip


def mark_rtl(paragraph: Paragraph, *, language: str) -> None:
    """Make `paragraph` a right-to-left paragraph set in the shipped complex-script font. A
    run whose text starts with a left-to-right letter (an isolated hashtag or Latin words)
    keeps its own direction."""
    p_pr = paragraph._p.get_or_add_pPr()
    if p_pr.find(qn("w:bidi")) is None:
        p_pr.insert_element_before(OxmlElement("w:bidi"), *_AFTER_BIDI)
    for run in paragraph.runs:
        if direction_of(run.text) == "ltr" and any(char.isalpha() for char in run.text):
            continue
        run.font.rtl = True
        r_pr = run._r.get_or_add_rPr()
        fonts = r_pr.get_or_add_rFonts()
        fonts.set(qn("w:cs"), RTL_FAMILY)
        lang = r_pr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            r_pr.append(lang)
        lang.set(qn("w:bidi"), language)
        run.font.complex_script = True
        size = r_pr.find(qn("w:szCs"))
        if size is None:
            size = OxmlElement("w:szCs")
            r_pr.append(size)
        size.set(qn("w:val"), "26")


def write_directed(paragraph: Paragraph, text: str, *, direction: str, language: str) -> None:
    """Add `text` to `paragraph` in its direction: a right-to-left text makes the paragraph
    RTL, each mixed-direction fragment a run of its own; left-to-right text gets its
    opposite-direction fragments isolated."""
    if direction != "rtl":
        paragraph.add_run(bidi_isolate(text, direction=direction))
        return
    for fragment in bidi_fragments(text, direction="rtl"):
        paragraph.add_run(f"{FSI}{fragment.text}{PDI}" if fragment.isolated else fragment.text)
    mark_rtl(paragraph, language=language)
