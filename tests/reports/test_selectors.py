"""The selectors that turn rows into a report's plain context."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns.models import Theme
from campaigns.services.links import evidence_link_propose
from campaigns.services.messages import message_create
from reports.models import Report
from reports.rendering.context import BriefContext
from reports.selectors.context import report_context_build

pytestmark = pytest.mark.django_db


def _queries_for_brief(report: Report) -> tuple[int, BriefContext]:
    report = Report.objects.select_related("campaign", "requested_by").get(pk=report.pk)
    with CaptureQueriesContext(connection) as queries:
        context = report_context_build(report=report)
    assert isinstance(context, BriefContext)
    return len(queries), context


def test_brief_context_costs_the_same_queries_however_many_messages(scenario, comms):
    report = Report.objects.create(
        kind="campaign_brief", format="pdf", campaign=scenario.campaign, requested_by=comms
    )
    before, small = _queries_for_brief(report)
    for number in range(4):
        message = message_create(
            campaign=scenario.campaign,
            actor=comms,
            channel="facebook",
            text=f"Message {number}: the church attack killed nine worshippers.",
        )
        evidence_link_propose(
            message=message, fact=scenario.church, claim="killed nine worshippers", actor=comms
        )
    after, large = _queries_for_brief(report)
    assert len(large.messages) == len(small.messages) + 4
    assert after == before


def test_brief_context_cites_each_excerpt_with_its_source(scenario, comms):
    report = Report.objects.create(
        kind="campaign_brief", format="pdf", campaign=scenario.campaign, requested_by=comms
    )
    _, context = _queries_for_brief(report)
    english = context.messages[0]
    quotes = {(c.exact, c.source_title) for c in english.citations}
    assert ("took about 70 lives", scenario.sources[0].title) in quotes
    assert ("killed 75 people", scenario.sources[1].title) in quotes
    assert [s.title for s in context.bibliography] == [s.title for s in scenario.sources]
    hospital = next(f for f in context.facts if f.id == scenario.hospital.pk)
    assert hospital.conflicts and hospital.conflicts[0].field == "killed"
    assert {v.source_number for v in hospital.conflicts[0].values} == {1, 2}
    rows = dict(context.coverage.rows)
    assert rows[Theme.objects.get(slug="brutality-against-muslims").name] == (1, 0, 0, 0)
    assert rows[Theme.objects.get(slug="brutality-against-non-muslims").name] == (0, 1, 0, 0)
    assert context.coverage.warnings == ()  # Muslim and non-Muslim victims both covered


def test_dossier_filters_by_period(scenario, comms):
    report = Report.objects.create(
        kind="evidence_dossier",
        format="json",
        requested_by=comms,
        parameters={"date_from": "2017-01-01", "date_to": "2017-12-31"},
    )
    context = report_context_build(report=report)
    assert [f.id for f in context.facts] == [scenario.church.pk]  # type: ignore[union-attr]
    assert context.filters == (("From", "2017-01-01"), ("To", "2017-12-31"))  # type: ignore[union-attr]


def test_dossier_filters_by_actor_alias(scenario, comms):
    report = Report.objects.create(
        kind="evidence_dossier",
        format="json",
        requested_by=comms,
        parameters={"actor": scenario.isis_alias.upper()},
    )
    context = report_context_build(report=report)
    assert {f.id for f in context.facts} == {scenario.hospital.pk, scenario.church.pk}  # type: ignore[union-attr]


def test_dossier_theme_filter_sees_only_campaigns_the_requester_sees(
    scenario, comms, comms_outsider
):
    def facts_for(user) -> set[int]:  # type: ignore[no-untyped-def]
        report = Report.objects.create(
            kind="evidence_dossier",
            format="json",
            requested_by=user,
            parameters={"theme": "brutality-against-non-muslims"},
        )
        return {f.id for f in report_context_build(report=report).facts}  # type: ignore[union-attr]

    assert facts_for(comms) == {scenario.church.pk}
    assert facts_for(comms_outsider) == set()
