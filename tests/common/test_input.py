"""Strict input at the edge: sizes, nesting, UTF-8 and control characters are refused in the
API's error format, naming the field, by every parser, before anything is written."""

import pytest
from django.test import override_settings

from campaigns.models import Campaign
from common.text import TextKind, text_problem
from evidence.models import Actor, Source

pytestmark = pytest.mark.django_db

TOKEN = "/api/v1/auth/token/"


def nested(depth: int) -> str:
    return '{"username": ' + "[" * depth + "]" * depth + "}"


def test_a_deeply_nested_body_is_a_400_even_on_the_token_endpoint(anon):
    response = anon.post(TOKEN, nested(5000), content_type="application/json")

    assert response.status_code == 400
    assert "nested" in response.json()["detail"]


def test_reasonable_nesting_still_parses(client_for, comms):
    body = '{"name": "Nested", "indicators": [{"name": "reach", "target": 1}]}'
    response = client_for(comms).post("/api/v1/campaigns/", body, content_type="application/json")

    assert response.status_code == 201


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_json_over_the_size_limit_gets_the_documented_413_json(client_for, source_admin):
    body = '{"title": "' + "x" * 2000 + '", "reliability": "B", "text": "t"}'
    response = client_for(source_admin).post(
        "/api/v1/sources/", body, content_type="application/json"
    )

    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/json")
    assert "limit" in response.json()["detail"]
    assert not Source.objects.exists()


@pytest.mark.parametrize("char", ["\x0b", "\x07", "\x01", "\x85", "\x9b", "\u202e", "\u202a"])
def test_control_and_bidi_override_characters_are_refused_naming_the_field(client_for, comms, char):
    response = client_for(comms).post(
        "/api/v1/campaigns/", {"name": f"Safe{char}name"}, format="json"
    )

    assert response.status_code == 400
    assert "name" in response.json()
    assert not Campaign.objects.exists()


def test_names_refuse_isolates_but_message_text_may_use_them():
    isolated = "\u2067کوئٹہ\u2069 70"

    assert text_problem(isolated, kind=TextKind.NAME) is not None
    assert text_problem(isolated, kind=TextKind.PROSE) is None
    assert text_problem("line one\nline two\ttab", kind=TextKind.PROSE) is None
    assert text_problem("line one\nline two", kind=TextKind.NAME) is not None


def test_a_bidi_isolate_in_an_actor_name_is_refused(client_for, source_admin):
    response = client_for(source_admin).post(
        "/api/v1/actors/", {"name": "ISIS\u2066K\u2069"}, format="json"
    )

    assert response.status_code == 400 and "name" in response.json()
    assert not Actor.objects.exists()


def test_invalid_utf8_in_a_form_body_is_refused_not_stored(client_for, source_admin):
    body = b"title=Caf%C3&reliability=B&text=Some+text"
    response = client_for(source_admin).generic(
        "POST", "/api/v1/sources/", body, content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 400
    assert "UTF-8" in str(response.json())
    assert not Source.objects.exists()


def test_invalid_utf8_in_a_multipart_field_is_refused_naming_it(client_for, source_admin):
    boundary = "XyZ"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\n'.encode()
        + b"Caf\xc3\r\n"
        + f'--{boundary}\r\nContent-Disposition: form-data; name="reliability"\r\n\r\nB\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="text"\r\n\r\nSome text\r\n'
        f"--{boundary}--\r\n".encode()
    )
    response = client_for(source_admin).generic(
        "POST", "/api/v1/sources/", body, content_type=f"multipart/form-data; boundary={boundary}"
    )

    assert response.status_code == 400
    assert "title" in response.json()
    assert not Source.objects.exists()


def test_invalid_utf8_in_json_is_a_400(client_for, comms):
    response = client_for(comms).generic(
        "POST", "/api/v1/campaigns/", b'{"name": "Caf\xc3"}', content_type="application/json"
    )

    assert response.status_code == 400


def test_nan_is_not_json(client_for, comms):
    response = client_for(comms).generic(
        "POST",
        "/api/v1/campaigns/",
        b'{"name": "n", "indicators": [{"name": "x", "target": NaN}]}',
        content_type="application/json",
    )

    assert response.status_code == 400


def test_the_service_refuses_what_the_api_refuses():
    from common.errors import InvalidInput
    from evidence.services.actors import actor_create

    with pytest.raises(InvalidInput) as refused:
        actor_create(name="Bad\x07name", created_by=None)

    assert "name" in refused.value.errors


def test_page_forms_refuse_invalid_utf8(client):
    not_utf8 = client.generic(
        "POST", "/accounts/login/", b"username=Caf%C3&password=x",
        content_type="application/x-www-form-urlencoded",
    )  # fmt: skip

    assert not_utf8.status_code == 400 and b"UTF-8" in not_utf8.content


def test_page_forms_share_the_text_rule():
    from django import forms

    from common.validators import TextValidator, form_text_check

    class CommentForm(forms.Form):
        comment = forms.CharField(validators=[TextValidator()])
        name = forms.CharField()

        def clean(self):  # type: ignore[no-untyped-def]
            form_text_check(self)
            return self.cleaned_data

    form = CommentForm({"comment": "Fine\nline", "name": "Bad\u202ename"})
    assert not form.is_valid()
    assert "bidirectional" in form.errors["name"][0] and "comment" not in form.errors
    assert not CommentForm({"comment": "bell\x07", "name": "ok"}).is_valid()
