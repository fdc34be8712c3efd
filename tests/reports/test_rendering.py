"""The renderers, on contexts built by hand: no database, no worker."""

import ast
import csv
import io
import json
import re
from pathlib import Path

import docx
import pypdf
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt

import reports.rendering
from reports.rendering import render_report
from reports.rendering.docx import mark_rtl
from tests.reports.contexts import (
    ARABIC_TEXT,
    CAMPAIGN_NAME,
    URDU_TEXT,
    sample_brief,
    sample_dossier,
    sample_register,
)

BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def pdf_text(path: Path) -> str:
    """The PDF's text layer, bidi controls dropped and whitespace collapsed."""
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
    return " ".join(BIDI_CONTROLS.sub("", text).split())


def rendered(tmp_path: Path, context, fmt: str) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path / f"report.{fmt}"
    stages: list[tuple[str, int]] = []
    render_report(context, format=fmt, path=path, progress=lambda s, p: stages.append((s, p)))
    assert stages, "the renderer reports its progress"
    assert path.stat().st_size > 0
    return path


def test_brief_pdf_has_the_campaign_urdu_in_order_citations_and_bibliography(tmp_path):
    text = pdf_text(rendered(tmp_path, sample_brief(), "pdf"))
    assert CAMPAIGN_NAME in text
    assert URDU_TEXT in text
    assert ARABIC_TEXT in text
    assert "“the attack in Quetta on day" in text  # an excerpt quoted as a citation
    assert "[S1, grade B; credibility 2]" in text.replace("\n", " ")
    assert "Bibliography" in text
    assert "Report on attacks in Balochistan, part 1" in text
    # On the claim and in the open flags: the flag's words and the wording to use instead.
    assert text.count("The message says more than the evidence supports. Say: “at least 70”") > 1
    assert "figure_exceeds_evidence" not in text
    assert "X (Twitter); Facebook" in text
    assert "Notes" in text
    assert "Conflicts and their resolution" in text


def test_pdf_embeds_the_shipped_arabic_script_font(tmp_path):
    reader = pypdf.PdfReader(rendered(tmp_path, sample_brief(), "pdf"))
    fonts = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():  # type: ignore[attr-defined]
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert any("Amiri" in name for name in fonts), fonts
    assert any("DejaVu" in name for name in fonts), fonts


def test_brief_docx_marks_rtl_paragraphs_in_schema_order(tmp_path):
    document = docx.Document(str(rendered(tmp_path, sample_brief(), "docx")))
    rtl = [
        p
        for p in document.paragraphs
        if p._p.pPr is not None and p._p.pPr.find(qn("w:bidi")) is not None
    ]
    assert [p.text for p in rtl] == [URDU_TEXT, ARABIC_TEXT]
    for paragraph in rtl:
        run = paragraph.runs[0]
        assert run.font.rtl is True
        assert run._r.rPr.rFonts.get(qn("w:cs")) == "Amiri"  # type: ignore[union-attr]
        assert paragraph.alignment is None  # not right-aligned (LibreOffice would flip it)
    english = next(p for p in document.paragraphs if p.text.startswith("Message 1:"))
    assert english._p.pPr is None or english._p.pPr.find(qn("w:bidi")) is None
    assert any(CAMPAIGN_NAME in p.text for p in document.paragraphs)
    assert "Bibliography" in [p.text for p in document.paragraphs]


# ECMA-376 CT_PPr: the order Word requires of a paragraph's properties.
PPR_ORDER = [
    qn(f"w:{name}")
    for name in [
        "pStyle",
        "keepNext",
        "keepLines",
        "pageBreakBefore",
        "framePr",
        "widowControl",
        "numPr",
        "suppressLineNumbers",
        "pBdr",
        "shd",
        "tabs",
        "suppressAutoHyphens",
        "kinsoku",
        "wordWrap",
        "overflowPunct",
        "topLinePunct",
        "autoSpaceDE",
        "autoSpaceDN",
        "bidi",
        "adjustRightInd",
        "snapToGrid",
        "spacing",
        "ind",
        "contextualSpacing",
        "mirrorIndents",
        "suppressOverlap",
        "jc",
        "textDirection",
        "textAlignment",
        "textboxTightWrap",
        "outlineLvl",
        "divId",
        "cnfStyle",
        "rPr",
        "sectPr",
        "pPrChange",
    ]
]


def test_mark_rtl_puts_bidi_in_schema_order_among_other_properties():
    document = docx.Document()
    paragraph = document.add_paragraph(URDU_TEXT, style="Heading 2")
    paragraph.paragraph_format.keep_with_next = True
    paragraph.paragraph_format.space_after = Pt(4)
    paragraph.paragraph_format.left_indent = Pt(10)
    mark_rtl(paragraph, language="ur")
    mark_rtl(paragraph, language="ur")  # twice: still one w:bidi
    tags = [child.tag for child in paragraph._p.pPr]  # type: ignore[union-attr]
    assert tags.count(qn("w:bidi")) == 1
    assert tags == sorted(tags, key=PPR_ORDER.index)
    assert tags.index(qn("w:keepNext")) < tags.index(qn("w:bidi")) < tags.index(qn("w:spacing"))


def test_html_is_self_contained(tmp_path):
    html = rendered(tmp_path, sample_brief(), "html").read_text(encoding="utf-8")
    assert "data:font/ttf;base64," in html
    assert html.count("data:image/svg+xml;base64,") == 3
    assert "file://" not in html
    assert not re.search(r"""(src|href)=["']https?://""", html)
    assert f'dir="rtl" lang="ur">{URDU_TEXT}<' in html


def test_json_has_claim_reviews_for_the_facts(tmp_path):
    document = json.loads(rendered(tmp_path, sample_dossier(facts=3), "json").read_text())
    reviews = document["claim_reviews"]
    assert len(reviews) == 3
    first = reviews[0]
    assert first["@context"] == "https://schema.org"
    assert first["@type"] == "ClaimReview"
    assert first["itemReviewed"]["@type"] == "Claim"
    assert first["itemReviewed"]["appearance"][0]["url"].startswith("https://example.org/")
    assert first["reviewRating"]["alternateName"] in {"Corroborated", "Disputed"}
    assert document["filters"] == {"Actor": "ISIS-K"}


@pytest.mark.parametrize(
    ("context", "columns", "rows"),
    [
        (sample_register(), "approved_links", 4),
        (sample_dossier(facts=5), "safe_wording", 5),
        (sample_brief(messages=3, links=6), "suggested_wording", 6),
    ],
)
def test_csv_parses_with_a_header_and_one_row_per_item(tmp_path, context, columns, rows):
    text = rendered(tmp_path, context, "csv").read_text(encoding="utf-8")
    parsed = list(csv.DictReader(io.StringIO(text)))
    assert len(parsed) == rows
    assert columns in parsed[0]


def test_brief_csv_keeps_urdu_text_intact(tmp_path):
    text = rendered(tmp_path, sample_brief(), "csv").read_text(encoding="utf-8")
    assert URDU_TEXT in {row["text"] for row in csv.DictReader(io.StringIO(text))}


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html", "json", "csv"])
@pytest.mark.parametrize(
    "context", [sample_dossier(), sample_register()], ids=["dossier", "register"]
)
def test_every_kind_renders_in_every_format(tmp_path, context, fmt):
    rendered(tmp_path, context, fmt)


def test_rendering_imports_no_models():
    """STYLE.md rule 10: nothing under reports/rendering may import a model, the ORM or the
    apps that own models, so rendering can never issue a query."""
    forbidden = ("django.db", "campaigns", "evidence", "common.models", "reports.models")
    folder = Path(reports.rendering.__file__).parent
    offending = []
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            offending += [f"{path.name}: {n}" for n in names if n.startswith(forbidden)]
            offending += [f"{path.name}: {n}" for n in names if n.endswith(".models")]
    assert offending == []
