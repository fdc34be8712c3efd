"""The OpenAPI schema tells the truth: schemathesis sends generated requests, valid and invalid,
to every operation the schema lists, in process (WSGI, no server), as a Communications user and
as a Source admin, and runs every one of its checks on each answer: no server error, status code,
content type, headers and body as documented, invalid data refused, valid data accepted, the
authentication the schema names enforced.

The run is reproducible (derandomized) and counted, so the number of cases cannot shrink without
this test failing; a failure lists every distinct problem found, not only the first.
"""

import os
import time
from collections import Counter
from typing import Any

import hypothesis
import pytest
import schemathesis
from django.apps import apps
from django.core.management.color import no_style
from django.db import connection
from django.test import Client
from hypothesis import HealthCheck, Phase
from knox.models import AuthToken
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.core.result import Ok
from schemathesis.generation.hypothesis.builder import (
    HypothesisTestConfig,
    HypothesisTestMode,
    create_test,
)

from config.wsgi import application
from tests.factories import communications_user, reviewer_user, source_admin_user
from tests.reports.factories import brief_scenario

# Generated cases per operation and role in the fuzzing phase; the examples and coverage phases
# add their own (boundary values, each invalid variant of each field) on top.
# Knobs for working on one failure (not for CI): SCHEMA_FUZZ_CASES, SCHEMA_MODES (add
# "coverage" for schemathesis's boundary-value phase: ~6,000 cases per role, too slow for CI),
# SCHEMA_ONLY (a part of an operation's label), SCHEMA_LOG (a file for per-operation counts).
FUZZ_CASES_PER_OPERATION = int(os.environ.get("SCHEMA_FUZZ_CASES", "20"))
MIN_CASES = 3000


def _token(user: Any) -> str:
    return "Token " + AuthToken.objects.create(user=user)[1]


def _run_operation(operation: Any, user: Any, found: dict[tuple[str, ...], str]) -> int:
    """Every case schemathesis generates for `operation`, sent as `user`; returns how many."""
    sent = 0
    own_token = _token(user)

    def check(case: Any) -> None:
        nonlocal sent
        # Revoking "the token this request was signed with" must not sign the run out.
        token = _token(user) if operation.label == "DELETE /api/v1/auth/token/" else own_token
        headers = {"Authorization": token}
        if "If-Match" in (case.headers or {}) and case.meta.generation.mode.is_positive:
            # A valid edit names the version it edits: the current ETag, as a client has it
            # from its last GET (a made-up one is answered 412, as it must be).
            current = Client().get(case.formatted_path, headers=headers)
            if current.status_code == 200:
                case.headers["If-Match"] = current["ETag"]
        response = case.call(headers=headers)
        sent += 1
        try:
            case.validate_response(response, headers=headers)
        except FailureGroup as group:
            for failure in group.exceptions:
                if not _excused(failure, case, response):
                    _record(found, operation.label, failure, case, response)

    settings = hypothesis.settings(
        max_examples=FUZZ_CASES_PER_OPERATION,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
        verbosity=hypothesis.Verbosity.quiet,
    )
    test = create_test(
        operation=operation,
        test_func=check,
        config=HypothesisTestConfig(
            project=operation.schema.config,
            modes=[
                HypothesisTestMode(mode)
                for mode in os.environ.get("SCHEMA_MODES", "examples,fuzzing").split(",")
            ],
            settings=settings,
        ),
    )
    test()
    return sent


# Refusals the schema cannot predict. Each is a rule OpenAPI 3.0 (what drf-spectacular writes)
# has no words for, and each names its field (API.md):
# - a request valid in form that names a row that does not exist (`"fact": 7` when there is no
#   fact 7, a filter by an unknown id) or credentials no user has;
# - a rule across objects: a claim must quote its message; an excerpt must quote its source,
#   once, with its prefix/suffix (if any) around it there; a name or slug already taken;
# - a rule between fields: an incident needs a date; only a relationship has a relation; a
#   campaign brief needs its campaign and takes no parameters; a range ends after it starts;
# - a reviewer's comment of spaces only is no comment (`minLength` counts the spaces);
# - a rule on content: a name needs a letter or digit (ECMA-262 patterns, which the schema's
#   `pattern` must be, cannot name Unicode letters); an upload must be a file type we read,
#   and an incident file UTF-8 text with the incident columns.
# schemathesis's `positive_data_acceptance` expects every valid *form* to be accepted. Only a
# 400 whose every message is one of these is excused; any other refusal of schema-valid data
# is a failure.
RULES_BEYOND_THE_SCHEMA = (
    "object does not exist.",
    "Select a valid choice. That choice is not one of the available choices.",
    "Unable to log in with provided credentials.",
    "The claim must quote words that occur in the message.",
    "This passage does not occur in the source text.",
    "but never with this prefix/suffix around it.",
    "give a prefix or suffix that makes it unique.",
    "already names the actor",
    " already exists.",
    ": no theme ",
    ": no actor ",
    "An incident needs a date",
    "Only relationships have a subject, an object and a relation.",
    "A campaign brief needs a campaign.",
    "; accepted: none.",
    "Must not be below value_min.",
    "the period ends before it starts.",
    "has no letter or digit.",
    "A comment is required to ",
    "The file is not UTF-8 text",
    "The header lacks the column(s)",
    "Unsupported file type",
)


# The other: a property the schema does not declare, whose name or text breaks the text rule
# (`common.text`; control characters and the like), which `common.parsers` refuses in every
# string of a body, names included, naming the property. The schema states the rule for each
# declared field (a `pattern`), but OpenAPI 3.0 has no `propertyNames` to state it for the
# names of undeclared ones, and schemathesis adds such properties to valid bodies.
NOT_TEXT_NAME = "A field name is not valid text."


def _declared_fields(case: Any) -> set[str]:
    raw = case.operation.schema.raw_schema
    content = case.operation.definition.raw.get("requestBody", {}).get("content", {})
    ref = content.get(case.media_type, {}).get("schema", {}).get("$ref", "")
    component = raw["components"]["schemas"].get(ref.rsplit("/", 1)[-1], {})
    return set(component.get("properties", {}))


def _messages(value: Any) -> list[Any]:
    """The messages of one field's errors, those of nested objects and list items included
    (`{"figures": {"9": {"value_max": ["..."]}}}`)."""
    if isinstance(value, dict):
        return [m for nested in value.values() for m in _messages(nested)]
    if isinstance(value, list):
        return [m for nested in value for m in _messages(nested)]
    return [value]


def _excused(failure: Failure, case: Any, response: Any) -> bool:
    """A refusal of schema-valid data only by rules beyond the schema, or only of properties
    the schema does not declare (see above)."""
    if type(failure).__name__ != "RejectedPositiveData" or response.status_code != 400:
        return False
    declared = _declared_fields(case)
    for field, value in response.json().items():
        messages = _messages(value)
        if field == "detail" and messages == [NOT_TEXT_NAME]:
            continue
        if field != "detail" and field not in declared:
            continue
        if not all(
            isinstance(m, str) and any(rule in m for rule in RULES_BEYOND_THE_SCHEMA)
            for m in messages
        ):
            return False
    return True


def _record(
    found: dict[tuple[str, ...], str], label: str, failure: Failure, case: Any, response: Any
) -> None:
    key = (label, type(failure).__name__, failure.title)
    if key not in found:
        found[key] = (
            f"{label}: {failure.title}\n  {failure.message.strip()[:600]}\n"
            f"  sent: {case.method} {case.formatted_path} query={case.query} "
            f"headers={case.headers} body={case.body!r:.300}"
            f"\n  got: {response.status_code} {response.headers.get('content-type')} "
            f"{response.content[:300]!r}"
        )


@pytest.fixture
def data_to_find(django_db_reset_sequences: None) -> dict[str, Any]:
    """Users of each role and a campaign with evidence; ids start at 1 so that generated ids
    find rows."""
    # Resetting the sequences also reset those of tables the migrations filled (the theme
    # catalogue): on PostgreSQL the next theme would take id 1 again. Move each sequence past
    # the rows its table already has (SQLite needs nothing).
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
            cursor.execute(sql)
    comms = communications_user(username="comms")
    reviewer = reviewer_user(username="reviewer")
    source_admin = source_admin_user(username="sourceadmin")
    brief_scenario(owner=comms, reviewer=reviewer)
    return {"Communications": comms, "Source admins": source_admin}


# Over 3,000 requests in one test: about 3 minutes on a quiet machine, more beside the other
# suite in CI; the suite's 300 s per test would cut it short.
@pytest.mark.timeout(1800)
def test_every_operation_answers_as_its_schema_says(data_to_find: dict[str, Any]) -> None:
    schema = schemathesis.openapi.from_wsgi(
        "/api/schema/?format=json",
        application,
        headers={"Authorization": _token(data_to_find["Source admins"])},
    )
    found: dict[tuple[str, ...], str] = {}
    cases: Counter[str] = Counter()
    for role, user in data_to_find.items():
        for result in schema.get_all_operations():
            if not isinstance(result, Ok):
                raise result.err()  # an operation schemathesis cannot read: a broken schema
            operation = result.ok()
            if os.environ.get("SCHEMA_ONLY") and os.environ["SCHEMA_ONLY"] not in operation.label:
                continue
            started = time.monotonic()
            n = _run_operation(operation, user, found)
            cases[role] += n
            if os.environ.get("SCHEMA_LOG"):
                with open(os.environ["SCHEMA_LOG"], "a") as log:
                    log.write(f"{role} {operation.label} {n} {time.monotonic() - started:.2f}s\n")
            if os.environ.get("SCHEMA_LOG"):
                with open(os.environ["SCHEMA_LOG"] + ".failures", "w") as log:
                    log.write("\n\n".join(found.values()))

    print(f"schemathesis cases per role: {dict(cases)}")
    assert not found, f"{len(found)} distinct failures:\n\n" + "\n\n".join(found.values())
    assert sum(cases.values()) >= MIN_CASES, cases
