"""Rendering reports from their plain context (reports.rendering.context) to files.

Nothing in this package imports a model or runs a query (STYLE.md rule 10): every renderer
takes the context object and a path to write to, and reports progress through a callback.
"""

from collections.abc import Callable
from pathlib import Path

from .context import ReportContext

__all__ = ["CONTENT_TYPES", "Progress", "render_report"]

Progress = Callable[[str, int], None]

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
}


def _no_progress(stage: str, percent: int) -> None:
    return None


def render_report(
    context: ReportContext, *, format: str, path: Path, progress: Progress | None = None
) -> None:
    """Write the report in `format` to `path`; `progress(stage, percent)` as it goes."""
    progress = progress or _no_progress
    if format == "pdf":
        from .pdf import render_pdf

        render_pdf(context, path=path, progress=progress)
    elif format == "docx":
        from .docx import render_docx

        render_docx(context, path=path, progress=progress)
    elif format == "html":
        from .html import render_html

        progress("Rendering HTML", 50)
        path.write_text(render_html(context, for_pdf=False), encoding="utf-8")
    elif format == "json":
        from .data import render_json

        progress("Writing JSON", 50)
        render_json(context, path=path)
    elif format == "csv":
        from .data import render_csv

        progress("Writing CSV", 50)
        render_csv(context, path=path)
    else:
        raise ValueError(f"Unknown report format {format!r}.")
