"""The bad-input table: every writable endpoint × every kind of bad input gets a 4xx that names
the field, and nothing is written (no row, no audit entry, the edited object unchanged). Then a
DOCX report renders over everything that WAS accepted, odd but legitimate text included."""

import json
from typing import Any

import pytest
from django.apps import apps
from rest_framework.test import APIClient

from tests.campaigns.factories import make_campaign, make_message
from tests.scenarios import URDU_TEXT, quetta_evidence

pytestmark = pytest.mark.django_db

# Each: a character that no text field may hold, and its name in the test ids.
BAD_TEXT = {
    "bell (C0)": "Hello\x07there",
    "vertical tab (C0)": "Hello\x0bthere",
    "CSI (C1)": "Hello\x9bthere",
    "right-to-left override": "Hello\u202eereht",
    "left-to-right embedding": "Hello\u202athere",
    "lone surrogate": "Hello\ud800there",
    "NUL": "Hello\x00there",
}
# Refused only in names (one line, no bidi isolates).
BAD_NAME = {"bidi isolate": "ISIS\u2066K\u2069", "line break": "Two\nlines"}

WRITTEN = [
    "evidence.Source",
    "evidence.Actor",
    "evidence.Fact",
    "evidence.Excerpt",
    "campaigns.Theme",
    "campaigns.Campaign",
    "campaigns.Message",
    "campaigns.EvidenceLink",
    "reports.Report",
    "common.AuditEntry",
]


@pytest.fixture
def world(comms, reviewer, source_admin):  # type: ignore[no-untyped-def]
    evidence = quetta_evidence(with_claims=True)
    campaign = make_campaign(owner=comms)
    message = make_message(campaign, comms, "The hospital bombing took about 70 lives.")
    from campaigns.services.links import evidence_link_propose

    link = evidence_link_propose(
        message=message, fact=evidence.hospital, claim="took about 70 lives", actor=comms
    )
    theme = campaign.themes.first()
    excerpt = evidence.hospital.excerpts.first()
    assert excerpt is not None and theme is not None and evidence.isis is not None
    return {
        "evidence": evidence,
        "campaign": campaign,
        "message": message,
        "link": link,
        "theme": theme,
        "excerpt": excerpt,
        "users": {"comms": comms, "reviewer": reviewer, "source_admin": source_admin},
    }


def endpoints(w: dict[str, Any]) -> list[tuple[str, str, str, dict[str, Any], str]]:
    """(who, method, url, a valid body, the text field to spoil)."""
    e = w["evidence"]
    source, fact, actor = f"/api/v1/sources/{e.dawn.pk}/", f"/api/v1/facts/{e.hospital.pk}/", e.isis
    campaign, message = (
        f"/api/v1/campaigns/{w['campaign'].pk}/",
        f"/api/v1/messages/{w['message'].pk}/",
    )
    link = f"/api/v1/evidence-links/{w['link'].pk}/"
    sa = "source_admin"
    return [
        (
            sa,
            "post",
            "/api/v1/sources/",
            {"title": "T", "reliability": "B", "text": "New text."},
            "title",
        ),
        (
            sa,
            "post",
            "/api/v1/sources/",
            {"title": "T", "reliability": "B", "text": "New text."},
            "text",
        ),
        (sa, "patch", source, {"publisher": "Dawn"}, "publisher"),
        (sa, "post", source + "retract/", {"reason": "Wrong"}, "reason"),
        (sa, "post", "/api/v1/actors/", {"name": "TTP"}, "name"),
        (sa, "patch", f"/api/v1/actors/{actor.pk}/", {"aliases": ["IS"]}, "aliases"),
        (sa, "post", "/api/v1/facts/", {"kind": "statistic", "title": "T"}, "title"),
        (
            sa,
            "post",
            "/api/v1/facts/",
            {"kind": "statistic", "title": "T", "summary": "S"},
            "summary",
        ),
        (sa, "patch", fact, {"place": "Quetta"}, "place"),
        (
            "reviewer",
            "post",
            fact + "resolve-conflict/",
            {"field": "killed", "wording": "70 to 75", "reason": "r"},
            "reason",
        ),
        (
            sa,
            "post",
            "/api/v1/excerpts/",
            {"source": e.tribune.pk, "exact": "most of them lawyers"},
            "exact",
        ),
        (sa, "patch", f"/api/v1/excerpts/{w['excerpt'].pk}/", {"prefix": "bombing"}, "prefix"),
        (sa, "post", "/api/v1/themes/", {"slug": "s", "name": "N", "victim_focus": "none"}, "name"),
        (sa, "patch", f"/api/v1/themes/{w['theme'].pk}/", {"description": "D"}, "description"),
        ("comms", "post", "/api/v1/campaigns/", {"name": "N"}, "name"),
        ("comms", "post", "/api/v1/campaigns/", {"name": "N", "audiences": ["Youth"]}, "audiences"),
        ("comms", "patch", campaign, {"call_to_action": "Share"}, "call_to_action"),
        ("comms", "post", campaign + "submit/", {"comment": "Please"}, "comment"),
        (
            "comms",
            "post",
            "/api/v1/messages/",
            {
                "campaign": w["campaign"].pk,
                "channel": "x",
                "language": "en",
                "theme": w["theme"].pk,
                "text": "Words",
            },
            "text",
        ),
        ("comms", "patch", message, {"text": "Other words"}, "text"),
        (
            "comms",
            "post",
            "/api/v1/evidence-links/",
            {"message": w["message"].pk, "fact": e.church.pk, "claim": "hospital"},
            "claim",
        ),
        ("comms", "patch", link, {"claim": "about 70 lives"}, "claim"),
        ("reviewer", "post", link + "reject/", {"comment": "No"}, "comment"),
        (
            "comms",
            "post",
            "/api/v1/reports/",
            {"kind": "source_register", "format": "docx"},
            "kind",
        ),
    ]


def snapshot() -> dict[str, int]:
    return {name: apps.get_model(name).objects.count() for name in WRITTEN}


def client_of(w: dict[str, Any], who: str) -> APIClient:
    client = APIClient()
    client.force_authenticate(w["users"][who])
    return client


def send(client: Any, method: str, url: str, body: bytes | str, content_type: str) -> Any:
    extra = {}
    if method == "patch":
        extra["HTTP_IF_MATCH"] = client.get(url)["ETag"]
    return client.generic(method.upper(), url, body, content_type=content_type, **extra)


def spoil(body: dict[str, Any], field: str, bad: str) -> dict[str, Any]:
    value = body[field]
    return {**body, field: [bad] if isinstance(value, list) else bad}


def test_every_writable_endpoint_refuses_every_bad_input_naming_the_field(world):
    refusals = 0
    for who, method, url, body, field in endpoints(world):
        client = client_of(world, who)
        cases = dict(BAD_TEXT)
        if field not in ("text", "summary", "reason", "comment", "exact", "prefix", "claim",
                         "description", "call_to_action"):  # fmt: skip
            cases.update(BAD_NAME)
        for label, bad in cases.items():
            before = snapshot()
            shown = client.get(url).content if method == "patch" else None
            payload = json.dumps(spoil(body, field, bad))
            response = send(client, method, url, payload, "application/json")

            where = f"{method.upper()} {url} {field} with {label}"
            assert 400 <= response.status_code < 500, (where, response.status_code)
            assert response.status_code not in (428, 412), where
            assert field in response.json(), (where, response.json())
            assert snapshot() == before, where
            if shown is not None:
                assert client.get(url).content == shown, where
            refusals += 1
    assert refusals >= len(endpoints(world)) * len(BAD_TEXT)


def test_every_writable_endpoint_refuses_broken_bodies(world):
    deep = '{"a": ' + "[" * 100 + "]" * 100 + "}"
    for who, method, url, body, field in endpoints(world):
        client = client_of(world, who)
        before = snapshot()
        for raw, content_type in (
            (deep, "application/json"),
            (json.dumps(body).encode()[:-1] + b'\xff"}', "application/json"),
            (f"{field}=Caf%C3", "application/x-www-form-urlencoded"),
        ):
            response = send(client, method, url, raw, content_type)
            assert response.status_code in (400, 413, 415), (method, url, content_type)
            assert response.json(), url
        assert snapshot() == before, url


def test_a_docx_report_renders_after_every_accepted_input(
    world, django_capture_on_commit_callbacks
):
    """Text that is accepted (tabs, line breaks, Urdu with bidi isolates in prose) never breaks
    a renderer, nor does text stored before these checks existed."""
    from campaigns.models import Message

    comms = client_of(world, "comms")
    url = f"/api/v1/messages/{world['message'].pk}/"
    accepted = send(
        comms, "patch", url,
        json.dumps({"text": f"Line\tone\r\n\u2067{URDU_TEXT}\u2069 took about 70 lives."}),
        "application/json",
    )  # fmt: skip
    assert accepted.status_code == 200
    # Written before control characters were refused (or by a route around the API).
    Message.objects.filter(pk=world["message"].pk).update(text="Old\x0b text\x07 about 70 lives")

    with django_capture_on_commit_callbacks(execute=True):
        created = comms.post(
            "/api/v1/reports/",
            {"kind": "campaign_brief", "format": "docx", "campaign": world["campaign"].pk},
            format="json",
        )
    report = comms.get(created["Location"]).json()

    assert report["status"] == "succeeded", report["error"]
