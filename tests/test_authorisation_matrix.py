"""The authorisation matrix: every route of the URL configuration (API, pages, admin) × every
kind of user, with zero mismatches.

The routes are enumerated from the URL configuration, so a new route without a row in
`EXPECTED` (or `ADMIN_MODELS` for a model registered in the admin) fails the test, and so does a
row whose route is gone.

How to add a row: one entry per route name in `EXPECTED`:

    "web:my-page": {"GET": see(LOGIN, 403, OK, 404, OK, OK, OK)},

with, for each method you send, the outcome for (anonymous, no role, Communications on the
campaign's team, Communications off the team, Reviewer, Source admin, superuser). Outcomes are
`OK` (the request got past authorisation: any 2xx, a redirect that is not to a sign-in page, or
a 400/409/412/428 refusal of the body or the state), `LOGIN` (redirect to the sign-in page),
`ADMIN_LOGIN` (redirect to the admin's sign-in page) or an exact status (401, 403, 404).
Path arguments are filled from `ARGUMENTS` (by argument name) and `PATH_ARGUMENTS` (by route
name) with the scenario's objects; requests send an empty JSON (or form) body. Each request
runs in a transaction that is rolled back, so no request changes what the next one sees.

Every persona is staff (the worst case: someone ticked "staff status" for them); the admin's
answers must still follow each role.
"""

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from knox.models import AuthToken

from campaigns.models import Campaign, Notification, Theme
from campaigns.services.links import evidence_link_propose
from common.models import AuditEntry
from evidence.imports.models import IncidentImportRun
from evidence.models import Excerpt, Source
from reports.models import Report
from reports.services import report_request
from tests.campaigns.factories import Report as SourceReport
from tests.campaigns.factories import killed, make_actor, make_campaign, make_fact, make_message
from tests.factories import UserFactory, communications_user, reviewer_user, source_admin_user

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # tests.factories.UserFactory's
PERSONAS = ("anonymous", "no_role", "team", "outsider", "reviewer", "source_admin", "superuser")
OK, LOGIN, ADMIN_LOGIN = "ok", "login", "admin-login"
UP_OR_DOWN = "200 or 503"  # the health check: public, 503 while no worker runs
Outcome = str | int


def see(*outcomes: Outcome) -> dict[str, Outcome]:
    assert len(outcomes) == len(PERSONAS)
    return dict(zip(PERSONAS, outcomes, strict=True))


# Shorthands for the rows that recur.
API_READ = see(401, 403, OK, OK, OK, OK, OK)  # every role reads
API_EVIDENCE_WRITE = see(401, 403, 403, 403, 403, OK, OK)  # Source admins write
API_REVIEW = see(401, 403, 403, 403, OK, 403, OK)  # Reviewers only
API_CAMPAIGN_READ = see(401, 403, OK, 404, OK, OK, OK)  # whoever sees the campaign
API_CAMPAIGN_MEMBER = see(401, 403, OK, 404, 403, 403, OK)  # the owner and the team
API_CAMPAIGN_REVIEW = see(401, 403, 403, 404, OK, 403, OK)  # Reviewers, on what they see
PAGE_READ = see(LOGIN, 403, OK, OK, OK, OK, OK)
PAGE_CAMPAIGN_READ = see(LOGIN, 403, OK, 404, OK, OK, OK)
# Pages where a Communications user writes a campaign's plan or messages: its owner and team.
PAGE_PLANNER = see(LOGIN, 403, OK, OK, 403, 403, OK)
PAGE_CAMPAIGN_MEMBER = see(LOGIN, 403, OK, 404, 403, 403, OK)
PAGE_REVIEW = see(LOGIN, 403, 403, 403, OK, 403, OK)
PAGE_EVIDENCE_WRITE = see(LOGIN, 403, 403, 403, 403, OK, OK)

EXPECTED: dict[str, dict[str, dict[str, Outcome]]] = {
    # --- accounts and tokens
    "v1:auth-token": {
        "POST": see(OK, OK, OK, OK, OK, OK, OK),
        "DELETE": see(401, OK, OK, OK, OK, OK, OK),
    },
    "v1:auth-tokens": {"GET": see(401, OK, OK, OK, OK, OK, OK)},
    # The team member's own token: nobody else sees or revokes it.
    "v1:auth-token-detail": {
        "GET": see(401, 404, OK, 404, 404, 404, 404),
        "DELETE": see(401, 404, OK, 404, 404, 404, 404),
    },
    "login": {"GET": see(OK, OK, OK, OK, OK, OK, OK)},
    "logout": {"POST": see(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN)},
    "password_change": {"GET": see(LOGIN, OK, OK, OK, OK, OK, OK)},
    "password_change_done": {"GET": see(LOGIN, OK, OK, OK, OK, OK, OK)},
    "set_language": {"POST": see(OK, OK, OK, OK, OK, OK, OK)},
    "healthz": {"GET": see(*[UP_OR_DOWN] * 7)},
    "schema": {"GET": see(401, OK, OK, OK, OK, OK, OK)},
    "api-docs": {"GET": see(401, OK, OK, OK, OK, OK, OK)},
    # --- evidence API
    "v1:source-list": {"GET": API_READ, "POST": API_EVIDENCE_WRITE},
    "v1:source-detail": {"GET": API_READ, "PATCH": API_EVIDENCE_WRITE},
    "v1:source-history": {"GET": API_READ},
    "v1:source-retract": {"POST": API_EVIDENCE_WRITE},
    "v1:actor-list": {"GET": API_READ, "POST": API_EVIDENCE_WRITE},
    "v1:actor-detail": {"GET": API_READ, "PATCH": API_EVIDENCE_WRITE},
    "v1:actor-history": {"GET": API_READ},
    "v1:actor-merge": {"POST": API_EVIDENCE_WRITE},
    "v1:fact-list": {"GET": API_READ, "POST": API_EVIDENCE_WRITE},
    "v1:fact-detail": {"GET": API_READ, "PATCH": API_EVIDENCE_WRITE},
    "v1:fact-history": {"GET": API_READ},
    "v1:fact-resolve-conflict": {"POST": API_REVIEW},
    "v1:fact-verify": {"POST": API_REVIEW},
    "v1:excerpt-list": {"GET": API_READ, "POST": API_EVIDENCE_WRITE},
    "v1:excerpt-detail": {
        "GET": API_READ,
        "PATCH": API_EVIDENCE_WRITE,
        "DELETE": API_EVIDENCE_WRITE,
    },
    "v1:excerpt-history": {"GET": API_READ},
    "v1:search-list": {"GET": API_READ},
    "v1:import-incidents": {"POST": API_EVIDENCE_WRITE},
    "v1:export-facts": {"GET": API_READ},
    "v1:theme-list": {"GET": API_READ, "POST": API_EVIDENCE_WRITE},
    "v1:theme-detail": {"GET": API_READ, "PATCH": API_EVIDENCE_WRITE},
    # --- campaigns API
    "v1:campaign-list": {"GET": API_READ, "POST": see(401, 403, OK, OK, 403, 403, OK)},
    "v1:campaign-detail": {"GET": API_CAMPAIGN_READ, "PATCH": API_CAMPAIGN_MEMBER},
    "v1:campaign-activate": {"POST": API_CAMPAIGN_MEMBER},
    "v1:campaign-approve": {"POST": API_CAMPAIGN_REVIEW},
    "v1:campaign-close": {"POST": API_CAMPAIGN_MEMBER},
    "v1:campaign-reopen": {"POST": API_CAMPAIGN_MEMBER},
    "v1:campaign-submit": {"POST": API_CAMPAIGN_MEMBER},
    "v1:campaign-coverage": {"GET": API_CAMPAIGN_READ},
    "v1:campaign-history": {"GET": API_CAMPAIGN_READ},
    "v1:campaign-readiness": {"GET": API_CAMPAIGN_READ},
    "v1:campaign-transitions": {"GET": API_CAMPAIGN_READ},
    "v1:message-list": {"GET": API_READ, "POST": see(401, 403, OK, OK, 403, 403, OK)},
    "v1:message-detail": {
        "GET": API_CAMPAIGN_READ,
        "PATCH": API_CAMPAIGN_MEMBER,
        "DELETE": API_CAMPAIGN_MEMBER,
    },
    "v1:message-approve": {"POST": API_CAMPAIGN_REVIEW},
    "v1:message-reject": {"POST": API_CAMPAIGN_REVIEW},
    "v1:message-submit": {"POST": API_CAMPAIGN_MEMBER},
    "v1:message-history": {"GET": API_CAMPAIGN_READ},
    "v1:message-claim-suggestions": {"GET": API_CAMPAIGN_READ},
    "v1:message-acknowledge-number": {"POST": API_REVIEW},
    "v1:message-revisions": {"GET": API_CAMPAIGN_READ},
    "v1:evidencelink-list": {"GET": API_READ, "POST": see(401, 403, OK, OK, 403, 403, OK)},
    "v1:evidencelink-detail": {
        "GET": API_CAMPAIGN_READ,
        "PATCH": API_CAMPAIGN_MEMBER,
        "DELETE": API_CAMPAIGN_MEMBER,
    },
    "v1:evidencelink-approve": {"POST": API_CAMPAIGN_REVIEW},
    "v1:evidencelink-reject": {"POST": API_CAMPAIGN_REVIEW},
    "v1:evidencelink-request-changes": {"POST": API_CAMPAIGN_REVIEW},
    "v1:evidencelink-history": {"GET": API_CAMPAIGN_READ},
    "v1:evidencelink-reviews": {"GET": API_CAMPAIGN_READ},
    # --- reports API (a brief on the team's campaign)
    "v1:report-list": {"GET": API_READ, "POST": API_READ},
    "v1:report-detail": {"GET": API_CAMPAIGN_READ},
    "v1:report-download": {"GET": API_CAMPAIGN_READ},
    # --- pages
    "web:dashboard": {"GET": PAGE_READ},
    "web:campaign": {"GET": PAGE_CAMPAIGN_READ},
    "web:campaign-transition": {"POST": see(LOGIN, 403, OK, 404, OK, OK, OK)},
    "web:campaign-report-request": {"POST": PAGE_CAMPAIGN_READ},
    "web:review-queue": {"GET": see(LOGIN, 403, 403, 403, OK, 403, OK)},
    "web:evidence-link-review": {"POST": see(LOGIN, 403, 403, 403, OK, 403, OK)},
    "web:facts": {"GET": PAGE_READ},
    "web:fact": {"GET": PAGE_READ},
    "web:reports": {"GET": PAGE_READ},
    "web:report-request": {"POST": PAGE_READ},
    "web:report": {"GET": PAGE_CAMPAIGN_READ},
    "web:audit": {"GET": see(LOGIN, 403, 403, 403, 403, OK, OK)},
    # The writer's pages: planner, message editor, live checks, evidence picker.
    "web:campaign-new": {"GET": PAGE_PLANNER, "POST": PAGE_PLANNER},
    "web:campaign-edit": {"GET": PAGE_CAMPAIGN_MEMBER, "POST": PAGE_CAMPAIGN_MEMBER},
    "web:message-new": {"GET": PAGE_CAMPAIGN_MEMBER, "POST": PAGE_CAMPAIGN_MEMBER},
    "web:message-check": {"POST": PAGE_CAMPAIGN_MEMBER},
    "web:message-edit": {"GET": PAGE_CAMPAIGN_MEMBER, "POST": PAGE_CAMPAIGN_MEMBER},
    "web:message-submit": {"POST": PAGE_CAMPAIGN_MEMBER},
    "web:evidence-picker": {"GET": PAGE_CAMPAIGN_MEMBER},
    "web:evidence-link-new": {"POST": PAGE_CAMPAIGN_MEMBER},
    "web:evidence-link-apply-suggestion": {"POST": PAGE_CAMPAIGN_MEMBER},
    # The reviewer's pages.
    "web:review-messages": {"GET": PAGE_REVIEW},
    "web:message-review": {"POST": PAGE_REVIEW},
    "web:fact-verify": {"POST": PAGE_REVIEW},
    "web:fact-resolve-conflict": {"POST": PAGE_REVIEW},
    # Everyone's inbox: a notification is its recipient's only (the reviewer's here).
    "web:inbox": {"GET": PAGE_READ},
    "web:inbox-read": {"POST": PAGE_READ},
    "web:inbox-open": {"POST": see(LOGIN, 403, 404, 404, OK, 404, 404)},
    # Reports: progress and download follow the report's campaign.
    "web:report-progress": {"GET": PAGE_CAMPAIGN_READ},
    "web:report-download": {"GET": PAGE_CAMPAIGN_READ},
    # The evidence desk: every role reads, Source admins write.
    "web:sources": {"GET": PAGE_READ},
    "web:source": {"GET": PAGE_READ},
    "web:source-new": {"GET": PAGE_EVIDENCE_WRITE, "POST": PAGE_EVIDENCE_WRITE},
    "web:source-edit": {"GET": PAGE_EVIDENCE_WRITE, "POST": PAGE_EVIDENCE_WRITE},
    "web:source-retract": {"GET": PAGE_EVIDENCE_WRITE, "POST": PAGE_EVIDENCE_WRITE},
    "web:excerpt-new": {"GET": PAGE_EVIDENCE_WRITE, "POST": PAGE_EVIDENCE_WRITE},
    "web:excerpt-saved": {"GET": PAGE_EVIDENCE_WRITE},
    "web:source-fact-search": {"GET": PAGE_EVIDENCE_WRITE},
    "web:search": {"GET": PAGE_READ},
    "web:search-results": {"GET": PAGE_READ},
    "web:actors": {"GET": PAGE_READ},
    "web:actor-create": {"GET": PAGE_EVIDENCE_WRITE, "POST": PAGE_EVIDENCE_WRITE},
    "web:actor-edit": {"GET": PAGE_EVIDENCE_WRITE, "POST": PAGE_EVIDENCE_WRITE},
    "web:actor-merge": {"GET": PAGE_EVIDENCE_WRITE, "POST": PAGE_EVIDENCE_WRITE},
    "web:import-incidents": {"GET": PAGE_EVIDENCE_WRITE, "POST": PAGE_EVIDENCE_WRITE},
    "web:import-run": {"GET": PAGE_EVIDENCE_WRITE},
    "web:import-confirm": {"POST": PAGE_EVIDENCE_WRITE},
    # --- the admin's own pages
    "admin:index": {"GET": see(ADMIN_LOGIN, OK, OK, OK, OK, OK, OK)},
    "admin:login": {"GET": see(OK, OK, OK, OK, OK, OK, OK)},
    "admin:logout": {"POST": see(OK, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN)},
    "admin:password_change": {"GET": see(ADMIN_LOGIN, OK, OK, OK, OK, OK, OK)},
    "admin:password_change_done": {"GET": see(ADMIN_LOGIN, OK, OK, OK, OK, OK, OK)},
    "admin:jsi18n": {"GET": see(ADMIN_LOGIN, OK, OK, OK, OK, OK, OK)},
    # The fact form's actor picker: whoever may view facts in the admin.
    "admin:autocomplete": {"GET": see(ADMIN_LOGIN, 403, OK, OK, OK, OK, OK)},
    "admin:app_list": {"GET": see(ADMIN_LOGIN, 404, OK, OK, OK, OK, OK)},
    # No model has a public page to jump to.
    "admin:view_on_site": {"GET": see(ADMIN_LOGIN, 404, 404, 404, 404, 404, 404)},
}

# --- the admin, per registered model: changelist, add, change, history, delete
_DENIED = see(ADMIN_LOGIN, 403, 403, 403, 403, 403, 403)
_READ_BY_ROLES = see(ADMIN_LOGIN, 403, OK, OK, OK, OK, OK)
_CHANGED_BY_SOURCE_ADMINS = see(ADMIN_LOGIN, 403, 403, 403, 403, OK, OK)
_CAMPAIGN_SCOPED = see(ADMIN_LOGIN, 403, OK, 404, OK, OK, OK)
_CAMPAIGN_SCOPED_DENIED = see(ADMIN_LOGIN, 403, 403, 404, 403, 403, 403)
_SUPERUSER_ONLY = see(ADMIN_LOGIN, 403, 403, 403, 403, 403, OK)

EVIDENCE_ADMIN = {
    "changelist": _READ_BY_ROLES,
    "add": _CHANGED_BY_SOURCE_ADMINS,
    "change": _READ_BY_ROLES,
    "history": _READ_BY_ROLES,
    "delete": _DENIED,  # retracted or corrected through the services, never deleted
}
CAMPAIGN_ADMIN = {
    "changelist": _READ_BY_ROLES,
    "add": _DENIED,
    "change": _CAMPAIGN_SCOPED,
    "history": _CAMPAIGN_SCOPED,
    "delete": _CAMPAIGN_SCOPED_DENIED,
}
STOCK_SUPERUSER_ADMIN = {
    "changelist": _SUPERUSER_ONLY,
    "add": _SUPERUSER_ONLY,
    "change": _SUPERUSER_ONLY,
    "history": _SUPERUSER_ONLY,
    "delete": _SUPERUSER_ONLY,
}
_ACCOUNTS = see(ADMIN_LOGIN, 403, 403, 403, 403, OK, OK)
ADMIN_MODELS: dict[str, dict[str, dict[str, Outcome]]] = {
    "evidence_source": EVIDENCE_ADMIN,
    "evidence_excerpt": EVIDENCE_ADMIN,
    "evidence_fact": EVIDENCE_ADMIN,
    "evidence_actor": EVIDENCE_ADMIN,
    "campaigns_theme": EVIDENCE_ADMIN,
    "campaigns_campaign": CAMPAIGN_ADMIN,
    "campaigns_message": CAMPAIGN_ADMIN,
    "campaigns_evidencelink": CAMPAIGN_ADMIN,
    "reports_report": CAMPAIGN_ADMIN,
    "common_auditentry": {
        "changelist": _ACCOUNTS,
        "add": _DENIED,
        "change": _ACCOUNTS,
        "history": _ACCOUNTS,
        "delete": _DENIED,
    },
    # The team member's account: Source admins look after it, roles and passwords are the
    # superuser's (or a role manager's).
    "auth_user": {
        "changelist": _ACCOUNTS,
        "add": _SUPERUSER_ONLY,
        "change": _ACCOUNTS,
        "history": _ACCOUNTS,
        "delete": _SUPERUSER_ONLY,
        "password_change": _SUPERUSER_ONLY,
    },
    "auth_group": {
        "changelist": _ACCOUNTS,
        "add": _SUPERUSER_ONLY,
        "change": _ACCOUNTS,
        "history": _ACCOUNTS,
        "delete": _SUPERUSER_ONLY,
    },
    "knox_authtoken": STOCK_SUPERUSER_ADMIN,
    # Sign-in records: superusers read them (and delete an attempt to lift a lockout).
    "axes_accessattempt": {**STOCK_SUPERUSER_ADMIN, "add": _DENIED},
    "axes_accesslog": {**STOCK_SUPERUSER_ADMIN, "add": _DENIED},
    "axes_accessfailurelog": {**STOCK_SUPERUSER_ADMIN, "add": _DENIED},
}
for _model, _views in ADMIN_MODELS.items():
    for _view, _row in _views.items():
        EXPECTED[f"admin:{_model}_{_view}"] = {"GET": _row}

# Admin patterns without a name: the old-style `<id>/` redirect to the change page and the
# catch-all that answers 404; they lead to the named routes above.
UNNAMED_ADMIN = re.compile(r"^/admin/(.*<path:object_id>/|\(\?P<url>\.\*\)\$)$")


@dataclass
class Scenario:
    users: dict[str, Any]
    objects: dict[str, Any]


def _route_names() -> dict[str, str]:
    """Every route name (namespaced) → its path pattern, format-suffix copies left out."""
    found: dict[str, str] = {}

    def walk(patterns: Any, prefix: str, namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                path = prefix + str(pattern.pattern)
                if "format" in path:  # DRF's `.json` suffix routes repeat the plain ones
                    continue
                if pattern.name is None:
                    assert UNNAMED_ADMIN.match(path), f"A route without a name: {path}"
                    continue
                found[f"{namespace}:{pattern.name}" if namespace else pattern.name] = path

    walk(get_resolver().url_patterns, "/", "")
    return found


def test_every_route_has_a_row_and_every_row_a_route() -> None:
    routes = set(_route_names())
    missing = sorted(routes - set(EXPECTED))
    stale = sorted(set(EXPECTED) - routes)
    assert not missing, f"Routes without an expected row in EXPECTED: {missing}"
    assert not stale, f"Rows for routes that no longer exist: {stale}"


@pytest.fixture
def scenario(django_capture_on_commit_callbacks: Callable[..., Any]) -> Scenario:
    owner = communications_user(username="m-owner", is_staff=True)
    users: dict[str, Any] = {
        "anonymous": None,
        "no_role": UserFactory(username="m-norole", is_staff=True),
        "team": owner,
        "outsider": communications_user(username="m-outsider", is_staff=True),
        "reviewer": reviewer_user(username="m-reviewer", is_staff=True),
        "source_admin": source_admin_user(username="m-sourceadmin", is_staff=True),
        "superuser": UserFactory(username="m-root", is_staff=True, is_superuser=True),
    }
    fact = make_fact(
        title="Sehwan shrine bombing",
        reports=[SourceReport("The bombing at the shrine killed 88 people.", [killed(88)])],
    )
    actor = make_actor("Islamic State", ["ISIS"])
    campaign = make_campaign(owner)
    message = make_message(campaign, owner, "The shrine bombing killed 88 people.")
    link = evidence_link_propose(
        message=message, fact=fact, claim="The shrine bombing killed 88 people", actor=owner
    )
    with django_capture_on_commit_callbacks(execute=True):
        report = report_request(
            kind="campaign_brief",
            format="csv",
            campaign=campaign,
            parameters=None,
            requested_by=owner,
        )
    report.refresh_from_db()
    assert report.status == Report.Status.SUCCEEDED, report.error
    token, _ = AuthToken.objects.create(user=owner)
    # Rows for the sign-in admin pages (axes): a failed and a successful sign-in.
    Client().post("/accounts/login/", {"username": "m-owner", "password": PASSWORD})
    Client().post("/accounts/login/", {"username": "m-ghost", "password": "wrong"})
    apps.get_model("axes", "AccessFailureLog").objects.create(
        username="m-ghost", ip_address="127.0.0.1", user_agent="", http_accept="", path_info="/"
    )
    objects = {
        "source": Source.objects.get(excerpts__fact=fact),
        "excerpt": Excerpt.objects.get(fact=fact),
        "fact": fact,
        "actor": actor,
        "theme": Theme.objects.order_by("pk").first(),
        "campaign": campaign,
        "message": message,
        "evidencelink": link,
        "report": report,
        "auditentry": AuditEntry.objects.order_by("pk").first(),
        "user": owner,
        "group": owner.groups.get(),
        "token": token,
        # The reviewer heard of the proposed link.
        "notification": Notification.objects.filter(recipient=users["reviewer"]).first(),
        "importrun": IncidentImportRun.objects.create(
            file_name="incidents.csv",
            data=b"eventid\n",
            dry_run=True,
            requested_by=users["source_admin"],
        ),
    }
    return Scenario(users=users, objects=objects)


# Which object a route's `pk` / `object_id` names, by the route name's stem.
STEMS = {
    "source": "source",
    "actor": "actor",
    "fact": "fact",
    "excerpt": "excerpt",
    "theme": "theme",
    "campaign": "campaign",
    "message": "message",
    "evidencelink": "evidencelink",
    "evidence-link": "evidencelink",
    "report": "report",
    "auditentry": "auditentry",
    "inbox": "notification",
    "import": "importrun",
    # Routes whose `pk` names the parent the page works in, not the object in their name.
    "message-new": "campaign",
    "message-check": "campaign",
    "evidence-picker": "message",
    "evidence-link-new": "message",
    "excerpt-new": "source",
    "excerpt-saved": "source",
    "user": "user",
    "group": "group",
}
# Arguments fixed per route (slugs of actions, query strings).
PATH_ARGUMENTS: dict[str, dict[str, str]] = {
    "web:campaign-transition": {"action": "submit"},
    "web:evidence-link-review": {"decision": "approve"},
    "web:message-review": {"decision": "approve"},
    "admin:app_list": {"app_label": "campaigns"},
}
# Bodies that pass validation where the API validates before it checks the role (an empty
# body would get a 400 from everyone and hide the authorisation).
BODIES: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "v1:campaign-list": lambda o: {"name": "Matrix campaign"},
    "v1:message-list": lambda o: {
        "campaign": o["campaign"].pk,
        "channel": "x",
        "language": "en",
        "text": "Words.",
    },
    "v1:evidencelink-list": lambda o: {
        "message": o["message"].pk,
        "fact": o["fact"].pk,
        "claim": "The shrine bombing killed 88 people",
    },
    "v1:evidencelink-detail": lambda o: {"claim": "The shrine bombing killed 88 people"},
    "v1:evidencelink-reject": lambda o: {"comment": "Not this fact."},
    "v1:evidencelink-request-changes": lambda o: {"comment": "Quote the figure."},
    "v1:message-reject": lambda o: {"comment": "Not yet."},
}
# Sent as multipart form data (file uploads).
MULTIPART = {"v1:import-incidents"}
QUERY: dict[str, dict[str, str]] = {
    "admin:autocomplete": {"app_label": "evidence", "model_name": "fact", "term": "Isl"}
    | {"field_name": "claimed_by"},
}


def _object_for(name: str, objects: dict[str, Any]) -> Any:
    stem = name.split(":", 1)[1]
    if stem == "view_on_site":
        return objects["campaign"]
    if stem.startswith(("auth-token", "knox_")):
        return objects["token"]
    if stem.startswith("axes_"):
        model = apps.get_model("axes", stem.split("_")[1])
        return model.objects.order_by("pk").first()
    stem = re.sub(r"^(evidence|campaigns|reports|common|auth)_", "", stem)
    for key, kind in sorted(STEMS.items(), key=lambda kv: -len(kv[0])):
        if stem.startswith(key):
            return objects[kind]
    raise AssertionError(f"No object for {name}: add its stem to STEMS")


def _path(name: str, pattern: str, objects: dict[str, Any]) -> str:
    path = pattern.replace("^", "").replace("$", "")
    fixed = PATH_ARGUMENTS.get(name, {})

    def fill(match: re.Match[str]) -> str:
        argument = match.group("name")
        if argument in fixed:
            return fixed[argument]
        if argument == "excerpt_pk":
            return str(objects["excerpt"].pk)
        if argument == "content_type_id":
            return str(ContentType.objects.get_for_model(Campaign).pk)
        target = _object_for(name, objects)
        if argument == "id" and isinstance(target, AuthToken):
            return target.token_key
        return str(target.pk) if target is not None else "999999"

    path = re.sub(r"\(\?P<(?P<name>\w+)>[^)]*\)", fill, path)
    path = re.sub(r"<(?:\w+:)?(?P<name>\w+)>", fill, path)
    return path


def _outcome(response: Any) -> Outcome:
    status = response.status_code
    if status in (301, 302, 303):
        location = response["Location"]
        if location.startswith("/admin/login/"):
            return ADMIN_LOGIN
        if location.startswith("/accounts/login/"):
            return LOGIN
        return OK
    if status < 300 or status in (400, 409, 412, 428):
        return OK
    return int(status)


def _send(client: Client, method: str, name: str, path: str, objects: dict[str, Any]) -> Any:
    if method == "GET":
        return client.get(path, QUERY.get(name, {}))
    if name in MULTIPART:
        return client.post(path, {})
    if path.startswith("/api/"):
        body = json.dumps(BODIES[name](objects) if name in BODIES else {})
        return client.generic(method, path, body, content_type="application/json")
    return client.generic(method, path, "", content_type="application/x-www-form-urlencoded")


def test_every_route_answers_each_kind_of_user_as_expected(scenario: Scenario) -> None:
    routes = _route_names()
    clients: dict[str, Client] = {}
    sessions: dict[str, str] = {}
    for persona, user in scenario.users.items():
        clients[persona] = Client()
        if user is not None:
            clients[persona].force_login(user)
            sessions[persona] = clients[persona].cookies[settings.SESSION_COOKIE_NAME].value
    mismatches: list[str] = []
    sent = 0
    for name, methods in sorted(EXPECTED.items()):
        if name not in routes:
            continue  # reported by the test above
        path = _path(name, routes[name], scenario.objects)
        for method, row in methods.items():
            for persona, expected in row.items():
                client = clients[persona] = Client()  # a sign-out must not sign out the next
                if persona in sessions:
                    client.cookies[settings.SESSION_COOKIE_NAME] = sessions[persona]
                with transaction.atomic():
                    response = _send(client, method, name, path, scenario.objects)
                    transaction.set_rollback(True)
                sent += 1
                got = _outcome(response)
                if expected == UP_OR_DOWN and got in (OK, 503):
                    continue
                if got != expected:
                    mismatches.append(
                        f"{method} {path} ({name}) as {persona}: expected {expected}, "
                        f"got {got} ({response.status_code})"
                    )
    assert sent > 1000
    assert not mismatches, f"{len(mismatches)} mismatches:\n" + "\n".join(mismatches)


@pytest.fixture(autouse=True)
def _no_throttle(settings: Any) -> Iterator[None]:
    settings.API_THROTTLE_RATES = {"anon": None, "user": None}
    yield
