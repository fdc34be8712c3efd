"""DOCX with python-docx. python-docx has no right-to-left API, so RTL paragraphs get
`<w:bidi/>` in their paragraph properties (in schema order) and their runs `w:rtl` plus the
complex-script font; they are not also right-aligned, which makes LibreOffice show them
left-aligned (TOOLCHAIN.md)."""

import io
from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt
from docx.text.paragraph import Paragraph

from common.text import xml_safe

from .charts import brief_charts
from .context import BriefContext, DossierContext, FactEntry, RegisterContext, ReportContext
from .fonts import LATIN_FAMILY, RTL_FAMILY

__all__ = ["mark_rtl", "render_docx"]

# The children of w:pPr that come after w:bidi (ECMA-376 CT_PPrBase order).
_AFTER_BIDI = (
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
    "w:pPrChange",
)  # fmt: skip


def mark_rtl(paragraph: Paragraph, *, language: str) -> None:
    """Make `paragraph` a right-to-left paragraph set in the shipped complex-script font."""
    p_pr = paragraph._p.get_or_add_pPr()
    if p_pr.find(qn("w:bidi")) is None:
        p_pr.insert_element_before(OxmlElement("w:bidi"), *_AFTER_BIDI)
    for run in paragraph.runs:
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


def _table(
    document: DocumentObject, header: Sequence[str], rows: Sequence[Sequence[object]]
) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = "" if value is None else str(value)


def _meta(document: DocumentObject, text: str) -> None:
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    run.italic = True
    run.font.size = Pt(8)


def _fact(document: DocumentObject, fact: FactEntry, *, show_links: bool) -> None:
    document.add_heading(f"{fact.title} — {fact.status_label}", level=3)
    details = [fact.kind_label, fact.date_text, fact.place, fact.target_type_label]
    details.append(f"victims: {fact.victim_community_label}" if fact.victim_community_label else "")
    details.append(f"claimed by {', '.join(fact.claimed_by)}" if fact.claimed_by else "")
    details.append(f"attributed to {', '.join(fact.attributed_to)}" if fact.attributed_to else "")
    if fact.relation:
        details.append(f"{fact.subject_actor} — {fact.relation} — {fact.object_actor}")
    if show_links:
        details.append(f"approved links: {fact.approved_links}")
    _meta(document, " · ".join(d for d in details if d))
    if fact.summary:
        document.add_paragraph(fact.summary)
    if fact.figures:
        _table(
            document,
            ["Figure", "Range", "Safe wording", "Reports", "Disputed"],
            [
                [f.label, f.range_text, f.wording, f.reports, "yes" if f.disputed else "no"]
                for f in fact.figures
            ],
        )
    if fact.excerpts:
        _table(
            document,
            ["Source", "Grade", "Excerpt", "Figures", "Credibility"],
            [
                [
                    f"[S{e.citation.source_number}] {e.citation.source_title}",
                    e.citation.reliability,
                    f"“{e.citation.exact}”",
                    e.figures_text,
                    f"{e.citation.credibility} ({e.citation.credibility_label})",
                ]
                for e in fact.excerpts
            ],
        )
    for conflict in fact.conflicts:
        values = "; ".join(
            f"{v.value}" + (f" [S{v.source_number}]" if v.source_number else "")
            for v in conflict.values
        )
        if conflict.resolved:
            outcome = f"Resolved: “{conflict.resolution_wording}” — {conflict.resolution_reason}"
        else:
            outcome = "Unresolved."
        document.add_paragraph(
            f"Conflict on {conflict.field} ({conflict.kind}): {values}. {outcome}"
        )


def _bibliography(document: DocumentObject, context: BriefContext | DossierContext) -> None:
    document.add_heading("Bibliography", level=2)
    _table(
        document,
        ["#", "Source", "Publisher", "Published", "Grade", "Status"],
        [
            [
                f"S{s.number}",
                s.title,
                s.publisher,
                s.published_on.isoformat() if s.published_on else "",
                s.reliability_label,
                s.status,
            ]
            for s in context.bibliography
        ],
    )


def _brief(document: DocumentObject, context: BriefContext, progress) -> None:  # type: ignore[no-untyped-def]
    plan = context.campaign
    document.add_heading("Plan (GAMMMA+)", level=2)
    _table(
        document,
        ["Part", "Plan"],
        [
            ["Status", plan.status_label],
            ["Period", f"{plan.starts_on or '–'} to {plan.ends_on or '–'}"],
            ["Owner and team", "; ".join([plan.owner, *plan.team])],
            ["Goal", plan.goal],
            ["Audience", "; ".join(plan.audiences)],
            ["Message (themes)", "; ".join(theme.name for theme in context.themes)],
            ["Messengers", "; ".join(plan.messengers)],
            ["Media (channels)", "; ".join(plan.channels)],
            ["Action", plan.call_to_action],
            ["Monitoring and evaluation", "; ".join(f"{n}: {t}" for n, t in plan.indicators)],
        ],
    )
    document.add_heading("Coverage", level=2)
    _table(
        document,
        ["Theme", *context.coverage.columns],
        [[name, *counts] for name, counts in context.coverage.rows],
    )
    for warning in context.coverage.warnings:
        document.add_paragraph(warning)
    progress("Drawing charts", 50)
    for caption, png in brief_charts(context.charts, fmt="png"):
        document.add_picture(io.BytesIO(png), width=Inches(6.2))
        _meta(document, caption)
    document.add_heading("Messages", level=2)
    total = max(1, len(context.messages))
    for index, message in enumerate(context.messages):
        if index % 20 == 0:
            progress("Writing messages", 55 + int(30 * index / total))
        document.add_heading(f"Message {message.number}", level=3)
        _meta(
            document,
            f"{message.theme or 'no theme'} · {message.channel_label} · {message.language} · "
            f"revision {message.revision} · {message.status_label}",
        )
        text = document.add_paragraph(message.text)
        if message.is_rtl:
            mark_rtl(text, language=message.language)
        if message.links:
            _table(
                document,
                ["Claim", "Fact", "Review", "Flags"],
                [
                    [
                        link.claim + "".join(f" [{c.number}]" for c in link.citations),
                        f"{link.fact_title} ({link.fact_status})",
                        link.status_label + (f" by {link.reviewed_by}" if link.reviewed_by else ""),
                        "; ".join(
                            f.code + (f": say “{f.suggestion}”" if f.suggestion else "")
                            for f in link.flags
                        ),
                    ]
                    for link in message.links
                ],
            )
    document.add_heading("Notes", level=2)
    for c in context.citations:
        _meta(
            document,
            f"[{c.number}] “{c.exact}” — {c.source_title}"
            + (f", {c.publisher}" if c.publisher else "")
            + f" [S{c.source_number}, grade {c.reliability}; credibility {c.credibility}]",
        )
    document.add_heading("Open flags", level=2)
    _table(
        document,
        ["Message", "Claims", "Flag", "Suggested wording"],
        [
            [message.number, "; ".join(claims) or "(the message)", flag.message, flag.suggestion]
            for message, claims, flag in context.open_flags
        ],
    )
    document.add_heading("Conflicts and their resolution", level=2)
    rows = []
    for fact in context.conflicted_facts:
        for conflict in fact.conflicts:
            values = "; ".join(
                v.value + (f" [S{v.source_number}]" if v.source_number else "")
                for v in conflict.values
            )
            resolution = (
                f"“{conflict.resolution_wording}” — {conflict.resolution_reason}"
                if conflict.resolved
                else "Unresolved"
            )
            rows.append([fact.title, f"{conflict.field} ({conflict.kind})", values, resolution])
    _table(document, ["Fact", "Disagreement", "What the sources say", "Resolution"], rows)
    _bibliography(document, context)


def render_docx(context: ReportContext, *, path: Path, progress) -> None:  # type: ignore[no-untyped-def]
    context = xml_safe(context)  # text stored before control characters were refused
    document = Document()
    style = document.styles["Normal"]
    style.font.name = LATIN_FAMILY
    style.font.size = Pt(9.5)
    header = context.header
    document.add_heading(header.title, level=1)
    _meta(
        document,
        f"Report #{header.report_id} · generated {header.generated_at:%Y-%m-%d %H:%M} UTC"
        + (f" · requested by {header.requested_by}" if header.requested_by else ""),
    )
    if header.scope_note:
        _meta(document, header.scope_note)
    progress("Writing the document", 45)
    if isinstance(context, BriefContext):
        _brief(document, context, progress)
    elif isinstance(context, DossierContext):
        if context.filters:
            _meta(document, "Filtered by " + "; ".join(f"{n}: {v}" for n, v in context.filters))
        for index, fact in enumerate(context.facts):
            if index % 25 == 0:
                progress("Writing facts", 50 + int(35 * index / max(1, len(context.facts))))
            _fact(document, fact, show_links=True)
        _bibliography(document, context)
    else:
        assert isinstance(context, RegisterContext)
        _table(
            document,
            ["#", "Source", "Publisher", "Grade", "Status", "Excerpts", "Facts", "Approved links"],
            [
                [
                    f"S{r.source.number}",
                    r.source.title,
                    r.source.publisher,
                    r.source.reliability_label,
                    r.source.status,
                    r.excerpt_count,
                    r.fact_count,
                    r.approved_link_count,
                ]
                for r in context.rows
            ],
        )
    progress("Saving the document", 90)
    document.save(str(path))
