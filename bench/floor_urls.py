"""The floor each measured request is compared with: a bare Django view returning the same 50
rows from `.values()` as `JsonResponse`, behind the same authentication, so the ratio says what
our views, serializers and selectors cost on top of the unavoidable query and auth.

"The same rows" means the same columns too: each floor reads the columns its endpoint shows
(`RowPlan.columns`, read from the endpoint's serializer), so a field added to an endpoint is
added to its floor. Until 2026-12-01 the floors read a hand-picked eight or so columns (13.7 KB
for the facts page against our 39 KB), which measured the size of the answer as much as our
code. What the floors leave out is what only our code does: the many-to-many ids (one more
query each), the role and visibility checks, the count and the links."""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import include, path
from knox.auth import TokenAuthentication

from campaigns.api.campaigns import CampaignSerializer
from campaigns.api.links import EvidenceLinkSerializer
from campaigns.models import Campaign, EvidenceLink
from common.api_rows import row_plan
from evidence.api.serializers.facts import FactSerializer
from evidence.models import Fact
from evidence.selectors.evidence import FACT_ORDER

ROWS = 50


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


urlpatterns = [
    path("floor/facts/", authenticated(facts)),
    path("floor/facts/<int:pk>/", authenticated(fact)),
    path("floor/review-queue/", authenticated(review_queue)),
    path("floor/campaigns/", authenticated(campaigns)),
    path("", include("config.urls")),
]
