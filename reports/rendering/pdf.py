"""PDF with WeasyPrint from the report's HTML."""

from pathlib import Path

from weasyprint import HTML

from .context import ReportContext
from .html import render_html

__all__ = ["render_pdf"]


def render_pdf(context: ReportContext, *, path: Path, progress) -> None:  # type: ignore[no-untyped-def]
    progress("Laying out the document", 50)
    html = render_html(context, for_pdf=True)
    progress("Laying out pages", 60)
    document = HTML(string=html, base_url=str(path.parent)).render()
    progress(f"Writing {len(document.pages)} pages", 85)
    document.write_pdf(target=str(path))
