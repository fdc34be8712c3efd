"""How a service's refusal reaches the user: as messages, field by field."""

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from common.errors import InvalidInput, TransitionNotAllowed
from web.views.feedback import refusal_show


@pytest.fixture
def request_with_messages():  # type: ignore[no-untyped-def]
    request = RequestFactory().post("/")
    request.session = {}  # type: ignore[assignment]
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    return request


def shown(request) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(m.level_tag, str(m)) for m in get_messages(request)]


def test_a_refused_step_lists_each_problem(request_with_messages):
    refusal_show(
        request_with_messages,
        TransitionNotAllowed(
            "Cannot approve: 2 problems.",
            problems=[{"code": "no_messages", "message": "No messages."}, {"code": "bare"}],
        ),
    )
    assert shown(request_with_messages) == [
        ("error", "Cannot approve: 2 problems."),
        ("error", "No messages."),
        ("error", "bare"),
    ]


def test_invalid_input_names_the_field(request_with_messages):
    refusal_show(request_with_messages, InvalidInput("Unknown kind.", field="kind"))
    assert shown(request_with_messages) == [("error", "kind: Unknown kind.")]


def test_django_validation_errors_name_their_fields(request_with_messages):
    refusal_show(
        request_with_messages,
        ValidationError({"name": ["Too long."], "__all__": ["Ends before it starts."]}),
    )
    refusal_show(request_with_messages, ValidationError("Plain."))
    assert shown(request_with_messages) == [
        ("error", "name: Too long.; Ends before it starts."),
        ("error", "Plain."),
    ]
