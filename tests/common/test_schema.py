"""The OpenAPI schema generates and validates with no warnings."""

from django.core.management import call_command


def test_openapi_schema_validates_without_warnings(tmp_path):
    out = tmp_path / "schema.yaml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))

    text = out.read_text()
    assert "openapi: 3" in text
    assert "/api/v1/auth/token/" in text
