"""The floor each measured request is compared with: a bare Django view returning the same 50
rows from `.values()` as `JsonResponse`, behind the same authentication, so the ratio says what
our views, serializers and selectors cost on top of the unavoidable query and auth.

"The same rows" means the same columns too: each floor reads the columns its endpoint shows
(`RowPlan.columns`, read from the endpoint's serializer), so a field added to an endpoint is
added to its floor. Until 2026-12-01 the floors read a hand-picked eight or so columns (13.7 KB
for the facts page against our 39 KB), which measured the size of the answer as much as our
code. What the floors leave out is what only our code does: the many-to-many ids (one more
query each), the role and visibility checks, the count and the links.

The pages have a second floor besides (`/floor/pages/…`): a bare Django page, rendered with
the request inside the app's own layout (`web/base.html`, with its navigation, roles and unread
count), listing the page's rows as they come from `.values()`, one table cell per value. The
JSON floor is the issue's target; the page floor says how much of the gap any page of ours
pays (the layout, its context, HTML instead of JSON) and how much is the page's own work."""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import engines
from django.urls import include, path
from knox.auth import TokenAuthentication

from campaigns.api.campaigns import CampaignSerializer
from campaigns.api.links import EvidenceLinkSerializer
from campaigns.models import Campaign, EvidenceLink
from campaigns.selectors.review_queue import CARD_FIELDS
from common.api_rows import row_plan
from evidence.api.serializers.facts import FactSerializer
from evidence.models import Fact
from evidence.selectors.evidence import FACT_ORDER
from web.views.dashboard import CAMPAIGN_COLUMNS, CAMPAIGNS_PER_PAGE
from web.views.review import LINKS_PER_PAGE

ROWS = 50
# The page floors' one template: the rows, in the app's layout. Kept here, not among the
# app's templates; the app's engine compiles it once, so `{% extends %}` finds the layout.
_ROWS_PAGE = engines["django"].from_string(
    """{% extends "web/base.html" %}{% block title %}{{ heading }}{% endblock %}
{% block content %}<h1>{{ heading }}</h1>
<table>{% for row in rows %}<tr>{% for value in row.values %}<td>{{ value }}</td>{% endfor %}</tr>
{% endfor %}</table>{% endblock %}"""
)


def authenticated(view: Callable[..., Any]) -> Callable[..., HttpResponse]:
    """The same check our endpoints make (config/settings/base.py): a knox token, or the
    session the pages use."""

    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        found = TokenAuthentication().authenticate(request)  # type: ignore[arg-type]
        if found is None and not request.user.is_authenticated:
            return JsonResponse({"detail": "Sign in."}, status=401)
        return JsonResponse(view(*args, **kwargs), safe=False)

    return guarded


def facts() -> list[dict[str, Any]]:
    rows = Fact.objects.order_by(*FACT_ORDER).values(*row_plan(FactSerializer).columns)
    return list(rows[:ROWS])


def fact(pk: int) -> list[dict[str, Any]]:
    return list(Fact.objects.filter(pk=pk).values(*row_plan(FactSerializer).columns))


def review_queue() -> list[dict[str, Any]]:
    rows = (
        EvidenceLink.objects.filter(status="proposed")
        .order_by("created_at", "id")
        .values(*row_plan(EvidenceLinkSerializer).columns)
    )
    return list(rows[:ROWS])


def campaigns() -> list[dict[str, Any]]:
    rows = Campaign.objects.order_by("-created_at", "-id").values(
        *row_plan(CampaignSerializer).columns
    )
    return list(rows[:ROWS])


def _rows_page(heading: str, rows: Callable[[], list[dict[str, Any]]]) -> Callable[..., Any]:
    @login_required
    def page(request: HttpRequest) -> HttpResponse:
        # Rendered with the request: the context processors run as for our pages.
        context = {"heading": heading, "rows": rows()}
        return HttpResponse(_ROWS_PAGE.render(context, request))

    return page


def review_page_rows() -> list[dict[str, Any]]:
    """The review page's rows: the oldest proposed links, the columns its cards read."""
    rows = EvidenceLink.objects.filter(status="proposed").order_by("created_at", "id")
    return list(rows.values(*CARD_FIELDS)[:LINKS_PER_PAGE])


def dashboard_rows() -> list[dict[str, Any]]:
    """The dashboard's campaign table: the newest campaigns, the columns it reads."""
    rows = Campaign.objects.order_by("-created_at", "-id").values(*CAMPAIGN_COLUMNS)
    return list(rows[:CAMPAIGNS_PER_PAGE])


urlpatterns = [
    path("floor/facts/", authenticated(facts)),
    path("floor/facts/<int:pk>/", authenticated(fact)),
    path("floor/review-queue/", authenticated(review_queue)),
    path("floor/campaigns/", authenticated(campaigns)),
    path("floor/pages/review/", _rows_page("Review queue", review_page_rows)),
    path("floor/pages/dashboard/", _rows_page("Dashboard", dashboard_rows)),
    path("", include("config.urls")),
]
