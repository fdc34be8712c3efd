"""The pieces every DOCX report is made of: tables, details lines, facts, the bibliography."""

from collections.abc import Sequence

from docx.document import Document as DocumentObject
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from .context import BriefContext, DossierContext, FactEntry

__all__ = ["add_bibliography", "add_fact", "add_meta", "add_table"]


def add_table(
    document: DocumentObject, header: Sequence[str], rows: Sequence[Sequence[object]]
) -> Table:
    """A grid table with a bold header row that repeats on every page it spans."""
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    _repeat_as_header(table)
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = "" if value is None else str(value)
    return table


def _repeat_as_header(table: Table) -> None:
    row_properties = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row_properties.append(header)


def add_meta(document: DocumentObject, text: str, *, keep_with_next: bool = False) -> Paragraph:
    """A small italic details line; `keep_with_next` keeps it on the page of what follows
    (a heading's details line must not end a page alone)."""
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    run.italic = True
    run.font.size = Pt(8)
    if keep_with_next:
        paragraph.paragraph_format.keep_with_next = True
    return paragraph


def add_fact(document: DocumentObject, fact: FactEntry, *, show_links: bool) -> None:
    document.add_heading(f"{fact.title} — {fact.status_label}", level=3)
    details = [fact.kind_label, fact.date_text, fact.place, fact.target_type_label]
    details.append(f"victims: {fact.victim_community_label}" if fact.victim_community_label else "")
    details.append(f"claimed by {', '.join(fact.claimed_by)}" if fact.claimed_by else "")
    details.append(f"attributed to {', '.join(fact.attributed_to)}" if fact.attributed_to else "")
    if fact.relation:
        details.append(f"{fact.subject_actor} — {fact.relation} — {fact.object_actor}")
    if show_links:
        details.append(f"approved links: {fact.approved_links}")
    add_meta(document, " · ".join(d for d in details if d), keep_with_next=True)
    if fact.summary:
        document.add_paragraph(fact.summary)
    if fact.figures:
        add_table(
            document,
            ["Figure", "Range", "Safe wording", "Reports", "Disputed"],
            [
                [f.label, f.range_text, f.wording, f.reports, "yes" if f.disputed else "no"]
                for f in fact.figures
            ],
        )
    if fact.excerpts:
        add_table(
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
        document.add_paragraph(f"Sources disagree: {conflict.label}: {values}. {outcome}")


def add_bibliography(document: DocumentObject, context: BriefContext | DossierContext) -> None:
    document.add_heading("Bibliography", level=2)
    add_table(
        document,
        ["#", "Source", "Publisher", "Published", "Grade", "Status"],
        [
            [
                f"S{s.number}",
                s.title,
                s.publisher,
                s.published_on.isoformat() if s.published_on else "",
                s.reliability_label,
                s.status_label or s.status,
            ]
            for s in context.bibliography
        ],
    )
