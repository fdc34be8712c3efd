"""DOCX with python-docx: the brief (docx_brief), the dossier and the register, from the same
pieces (docx_parts); right-to-left text is written by docx_bidi."""

from pathlib import Path

from docx import Document
from docx.shared import Pt

from common.text import xml_safe

from .context import BriefContext, DossierContext, RegisterContext, ReportContext
from .docx_bidi import mark_rtl
from .docx_brief import write_brief
from .docx_parts import add_bibliography, add_fact, add_meta, add_table
from .fonts import LATIN_FAMILY

__all__ = ["mark_rtl", "render_docx"]


def render_docx(context: ReportContext, *, path: Path, progress) -> None:  # type: ignore[no-untyped-def]
    context = xml_safe(context)  # text stored before control characters were refused
    document = Document()
    style = document.styles["Normal"]
    style.font.name = LATIN_FAMILY
    style.font.size = Pt(9.5)
    header = context.header
    document.add_heading(header.title, level=1)
    add_meta(
        document,
        f"Report #{header.report_id} · generated {header.generated_at:%Y-%m-%d %H:%M} UTC"
        + (f" · requested by {header.requested_by}" if header.requested_by else ""),
    )
    if header.scope_note:
        add_meta(document, header.scope_note)
    progress("Writing the document", 45)
    if isinstance(context, BriefContext):
        write_brief(document, context, progress)
    elif isinstance(context, DossierContext):
        if context.filters:
            add_meta(document, "Filtered by " + "; ".join(f"{n}: {v}" for n, v in context.filters))
        for index, fact in enumerate(context.facts):
            if index % 25 == 0:
                progress("Writing facts", 50 + int(35 * index / max(1, len(context.facts))))
            add_fact(document, fact, show_links=True)
        add_bibliography(document, context)
    else:
        assert isinstance(context, RegisterContext)
        add_table(
            document,
            ["#", "Source", "Publisher", "Grade", "Status", "Excerpts", "Facts", "Approved links"],
            [
                [
                    f"S{r.source.number}",
                    r.source.title,
                    r.source.publisher,
                    r.source.reliability_label,
                    r.source.status_label or r.source.status,
                    r.excerpt_count,
                    r.fact_count,
                    r.approved_link_count,
                ]
                for r in context.rows
            ],
        )
    progress("Saving the document", 90)
    document.save(str(path))
