"""HTML for a report from Django templates: the HTML format itself and the PDF's source."""

import base64

from django.template.loader import render_to_string

from .charts import brief_charts
from .context import BriefContext, DossierContext, ReportContext
from .fonts import font_face_css

__all__ = ["render_html"]

TEMPLATES = {
    BriefContext: "reports/campaign_brief.html",
    DossierContext: "reports/evidence_dossier.html",
}


def render_html(context: ReportContext, *, for_pdf: bool) -> str:
    """The finished HTML. For the PDF the font is a file URL WeasyPrint reads from disk; the
    HTML format inlines fonts and charts, so the one file is complete on its own."""
    charts = []
    if isinstance(context, BriefContext):
        charts = [
            {
                "caption": caption,
                "src": "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii"),
            }
            for caption, svg in brief_charts(context.charts, fmt="svg")
        ]
    template = TEMPLATES.get(type(context), "reports/source_register.html")
    return render_to_string(
        template,
        {
            "report": context,
            "header": context.header,
            "charts": charts,
            "font_face_css": font_face_css(embed=not for_pdf),
            "for_pdf": for_pdf,
        },
    )
