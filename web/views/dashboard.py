"""The dashboard: the user's campaigns and their readiness, the review queue, disputed facts
and the user's recent reports."""

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.template import engines
from django.template.defaultfilters import date as date_filter
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext, gettext_noop, ngettext
from django.views.decorators.http import require_GET

from campaigns.models import Campaign, EvidenceLink
from campaigns.selectors.campaigns import campaign_list_visible
from campaigns.selectors.messages import evidence_link_list_visible
from campaigns.selectors.readiness import READINESS_CAMPAIGN_FIELDS, campaign_readiness_many
from common.pagination import COUNT_CAP, CursorError, keyset_page
from common.roles import REVIEWERS, has_role
from evidence.models import Fact
from evidence.selectors.evidence import fact_headlines
from reports.models import Report
from reports.selectors.reports import report_list_visible
from web.access import role_required
from web.presenters import DayMonthYear, TranslatedLabels, UrlPattern
from web.templatetags.counterpoint import conflict_kind_label, figures_html

from .feedback import signed_in_user

__all__ = [
    "CAMPAIGNS_PER_PAGE",
    "CAMPAIGN_COLUMNS",
    "DASHBOARD_FACTS",
    "DASHBOARD_REPORTS",
    "dashboard",
]

# Readiness of a whole page costs a fixed number of queries (`campaign_readiness_many`); the
# table is paged so the work per request stays bounded however many campaigns exist. By cursor,
# newest first: no COUNT of every visible campaign on each visit, and a page deep in the list
# costs what the first does.
CAMPAIGNS_PER_PAGE = 20
DASHBOARD_FACTS = 8
DASHBOARD_REPORTS = 8


# What the campaign table shows, besides what readiness reads, and the list's order (the cursor).
CAMPAIGN_COLUMNS = (
    *READINESS_CAMPAIGN_FIELDS,
    "name",
    "status",
    "starts_on",
    "ends_on",
    "owner__username",
    "created_at",
)
_CAMPAIGN_STATUS_WORDS = dict(Campaign.Status.choices)
_REPORT_KIND_WORDS = dict(Report.Kind.choices)
_REPORT_FORMAT_WORDS = dict(Report.Format.choices)
_REPORT_STATUS_WORDS = dict(Report.Status.choices)
# The lists are written by Jinja2 templates from plain values (web/jinja2_environment.py): for
# the same rows Django's template language took about five times as long.
_CAMPAIGN_ROWS_TEMPLATE = "web/dashboard_campaign_rows.html"
_FACT_ITEMS_TEMPLATE = "web/dashboard_fact_items.html"
_REPORT_ITEMS_TEMPLATE = "web/dashboard_report_items.html"
# The lists' fixed words.
_LIST_WORDS = {
    "ready": gettext_noop("ready"),
    "not_set": gettext_noop("not set"),
    "conflicts": gettext_noop("conflicts:"),
}


def _campaign_rows(
    campaigns: list[dict[str, Any]], readiness: dict[int, dict[str, Any]]
) -> list[dict[str, Any]]:
    """The campaign table's rows as plain values (address, status and period in words,
    readiness as "ready" or a count of problems)."""
    address = UrlPattern("web:campaign")
    labels = TranslatedLabels()
    day = DayMonthYear()
    rows = []
    for campaign in campaigns:
        problems = len(readiness[campaign["id"]]["problems"])
        status = campaign["status"]
        rows.append(
            {
                "url": address(campaign["id"]),
                "name": campaign["name"],
                "status": status,
                "status_label": labels[_CAMPAIGN_STATUS_WORDS.get(status, status)],
                "period": bool(campaign["starts_on"] or campaign["ends_on"]),
                "starts_on": day(campaign["starts_on"]) or "…",
                "ends_on": day(campaign["ends_on"]) or "…",
                "owner": campaign["owner__username"],
                "ready": not problems,
                "problems": ngettext("%(counter)s problem", "%(counter)s problems", problems)
                % {"counter": problems},
            }
        )
    return rows


def _report_rows(user: Any) -> list[dict[str, Any]]:
    """The user's newest reports as plain values: what each line shows, in words."""
    reports = (
        report_list_visible(user=user)
        .filter(requested_by=user.pk)
        .values("id", "kind", "format", "status", "created_at", "campaign__name")
    )
    address = UrlPattern("web:report")
    labels = TranslatedLabels()
    return [
        {
            "url": address(report["id"]),
            "kind": labels[_REPORT_KIND_WORDS.get(report["kind"], report["kind"])],
            "format": labels[_REPORT_FORMAT_WORDS.get(report["format"], report["format"])],
            "campaign": report["campaign__name"],
            "status": report["status"],
            "status_label": labels[_REPORT_STATUS_WORDS.get(report["status"], report["status"])],
            # As `|date:"j M Y H:i"` in a template: in the current time zone.
            "created": date_filter(localtime(report["created_at"]), "j M Y H:i"),
        }
        for report in reports[:DASHBOARD_REPORTS]
    ]


def _fact_rows(facts: list[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The disputed facts' headlines, each with its address, figures and conflicts in words."""
    address = UrlPattern("web:fact")
    return [
        {
            **fact,
            "url": address(fact["pk"]),
            "figures_html": figures_html(fact["figures"]),
            "conflicts": [
                {**conflict, "kind_label": conflict_kind_label(conflict.get("kind", ""))}
                for conflict in fact["conflicts"] or []
            ],
        }
        for fact in facts
    ]


def _written(template_name: str, words: dict[str, SafeString], **values: Any) -> SafeString:
    """A list's items as HTML ("" for none, so the page says the list is empty). The
    environment escapes every value; `words` are safe, as a template's literal strings are."""
    if not any(values.values()):
        return SafeString("")
    template = engines["jinja2"].env.get_template(template_name)  # type: ignore[attr-defined]
    return mark_safe(template.render(words=words, **values))  # noqa: S308 - autoescaped


@role_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    visible = campaign_list_visible(user=user).values(*CAMPAIGN_COLUMNS)
    cursor_error = ""
    try:
        page = keyset_page(visible, request.GET, per_page=CAMPAIGNS_PER_PAGE)
    except CursorError as error:
        # The rest of the dashboard still helps: the first page, saying what was wrong.
        cursor_error = f"cursor: {error}"
        page = keyset_page(visible, QueryDict(), per_page=CAMPAIGNS_PER_PAGE)
    campaigns = page.rows
    readiness = campaign_readiness_many(campaigns=campaigns)
    review_count = None
    if has_role(user, REVIEWERS):
        # Counted up to a cap: "1,000+" says enough, and the count stays bounded however
        # long the queue grows.
        review_count = (
            evidence_link_list_visible(user=user)
            .filter(status=EvidenceLink.Status.PROPOSED)
            .order_by()[: COUNT_CAP + 1]
            .count()
        )
    # Translated once per page; safe, as the template's literal strings are (the Urdu
    # catalogue is ours).
    words = {key: mark_safe(gettext(msgid)) for key, msgid in _LIST_WORDS.items()}  # noqa: S308
    context = {
        "page": page,
        "cursor_error": cursor_error,
        "campaign_rows_html": _written(
            _CAMPAIGN_ROWS_TEMPLATE, words, rows=_campaign_rows(campaigns, readiness)
        ),
        "review_count": review_count,
        "review_count_capped": review_count is not None and review_count > COUNT_CAP,
        "review_count_cap": COUNT_CAP,
        "disputed_facts_html": _written(
            _FACT_ITEMS_TEMPLATE,
            words,
            facts=_fact_rows(fact_headlines(status=Fact.Status.DISPUTED, limit=DASHBOARD_FACTS)),
        ),
        "recent_reports_html": _written(_REPORT_ITEMS_TEMPLATE, words, reports=_report_rows(user)),
    }
    return render(request, "web/dashboard.html", context, status=400 if cursor_error else 200)
