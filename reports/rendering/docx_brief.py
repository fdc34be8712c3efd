"""The campaign brief as DOCX."""

import io

from docx.document import Document as DocumentObject
from docx.shared import Inches
from docx.table import _Cell

from .charts import brief_charts
from .context import BriefContext, FlagEntry, LinkEntry, MessageEntry
from .docx_bidi import write_directed
from .docx_parts import add_bibliography, add_meta, add_table

__all__ = ["write_brief"]


def _flag_text(flag: FlagEntry) -> str:
    if not flag.suggestion:
        return flag.message
    if flag.wording:
        return f"{flag.message} Say: “{flag.suggestion}”"
    return f"{flag.message} Next step: {flag.suggestion}"


def _link_row(link: LinkEntry) -> list[str]:
    fact = link.fact_title + (f" ({link.fact_status})" if link.fact_status else "")
    review = link.status_label + (f" by {link.reviewed_by}" if link.reviewed_by else "")
    if link.review_comment:
        review += f": “{link.review_comment}”"
    if link.rejected:
        review += " (not part of the campaign's evidence)"
    return [
        link.claim + "".join(f" [{c.number}]" for c in link.citations),
        fact,
        review,
        "\n".join(_flag_text(flag) for flag in link.flags),
    ]


def _directed_cell(cell: _Cell, text: str, *, message: MessageEntry) -> None:
    """Rewrite a table cell holding words of the message, in the message's direction."""
    paragraph = cell.paragraphs[0]
    for run in list(paragraph.runs):
        run._r.getparent().remove(run._r)
    write_directed(paragraph, text, direction=message.direction, language=message.language)


def _message(document: DocumentObject, message: MessageEntry) -> None:
    # The heading, its details line and the text stay on one page with the claims' table.
    document.add_heading(f"Message {message.number}", level=3)
    add_meta(
        document,
        f"{message.theme or 'no theme'} · {message.channel_label} · "
        f"{message.language_label or message.language} · revision {message.revision} · "
        f"{message.status_label}",
        keep_with_next=True,
    )
    text = document.add_paragraph()
    write_directed(text, message.text, direction=message.direction, language=message.language)
    if not message.links:
        document.add_paragraph("No evidence linked.")
        return
    text.paragraph_format.keep_with_next = True
    table = add_table(
        document,
        ["Claim", "Fact", "Review", "Flags"],
        [_link_row(link) for link in message.links],
    )
    for row, link in zip(table.rows[1:], message.links, strict=True):
        citations = "".join(f" [{c.number}]" for c in link.citations)
        _directed_cell(row.cells[0], link.claim + citations, message=message)


def _open_flags(document: DocumentObject, context: BriefContext) -> None:
    document.add_heading("Open flags", level=2)
    if not context.open_flags:
        document.add_paragraph("No open flags.")
        return
    table = add_table(
        document,
        ["Message", "Claims", "Flag", "Suggested wording or next step"],
        [
            [
                f"Message {message.number}",
                "; ".join(claims) or "(the message)",
                flag.message,
                (f"Say: “{flag.suggestion}”" if flag.wording else flag.suggestion)
                if flag.suggestion
                else "",
            ]
            for message, claims, flag in context.open_flags
        ],
    )
    for row, (message, claims, _flag) in zip(table.rows[1:], context.open_flags, strict=True):
        if claims:
            _directed_cell(row.cells[1], "; ".join(claims), message=message)


def _conflicts(document: DocumentObject, context: BriefContext) -> None:
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
            title = fact.title + (f" ({fact.date_text})" if fact.date_text else "")
            rows.append([title, conflict.label, values, resolution])
    if not rows:
        document.add_paragraph(
            "No conflicts are recorded on the facts behind this campaign's claims."
        )
        return
    add_table(document, ["Fact", "Disagreement", "What the sources say", "Resolution"], rows)


def write_brief(document: DocumentObject, context: BriefContext, progress) -> None:  # type: ignore[no-untyped-def]
    plan = context.campaign
    document.add_heading("Plan (GAMMMA+)", level=2)
    add_table(
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
            ["Media (channels)", "; ".join(plan.channel_labels or plan.channels)],
            ["Action", plan.call_to_action],
            ["Monitoring and evaluation", "; ".join(f"{n}: {t}" for n, t in plan.indicators)],
        ],
    )
    document.add_heading("Coverage", level=2)
    add_table(
        document,
        ["Theme", *context.coverage.columns],
        [[name, *counts] for name, counts in context.coverage.rows],
    )
    for warning in context.coverage.warnings:
        document.add_paragraph(warning)
    progress("Drawing charts", 50)
    for caption, png in brief_charts(context.charts, fmt="png"):
        document.add_picture(io.BytesIO(png), width=Inches(6.2))
        # The picture keeps with its caption.
        document.paragraphs[-1].paragraph_format.keep_with_next = True
        add_meta(document, caption)
    document.add_heading("Messages", level=2)
    total = max(1, len(context.messages))
    for index, message in enumerate(context.messages):
        if index % 20 == 0:
            progress("Writing messages", 55 + int(30 * index / total))
        _message(document, message)
    document.add_heading("Notes", level=2)
    for c in context.citations:
        add_meta(
            document,
            f"[{c.number}] “{c.exact}” — {c.source_title}"
            + (f", {c.publisher}" if c.publisher else "")
            + f" [S{c.source_number}, grade {c.reliability}; credibility {c.credibility}]",
        )
    _open_flags(document, context)
    _conflicts(document, context)
    add_bibliography(document, context)
