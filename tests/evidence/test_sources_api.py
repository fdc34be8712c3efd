"""`/api/v1/sources/`: registering, uploading, correcting and retracting sources."""

import io
import json

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from common.models import AuditEntry
from evidence.models import Excerpt, Fact, Source
from evidence.signals import (
    CHANGE_EXCERPT_UNANCHORED,
    CHANGE_SOURCE_DOWNGRADED,
    CHANGE_SOURCE_RETRACTED,
)
from tests.evidence.factories import make_excerpt, make_fact, make_source
from tests.versioning import patch_current

pytestmark = pytest.mark.django_db

TEXT = "The bombing at the Quetta hospital took about 70 lives on August 9, 2016."


def minimal_pdf(text: str) -> bytes:
    """A one-page PDF whose text layer says `text` (Helvetica, no extra tools needed)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def minimal_docx(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def create(client, **data):  # type: ignore[no-untyped-def]
    body = {"title": "Quetta hospital", "reliability": "B", "text": TEXT, **data}
    # json.dumps escapes a lone surrogate as \\ud800, as a real client would send it.
    return client.post("/api/v1/sources/", json.dumps(body), content_type="application/json")


def test_a_source_admin_registers_a_source(client_for, source_admin):
    response = create(
        client_for(source_admin), publisher="Pakistan Forward", published_on="2016-09-01"
    )

    assert response.status_code == 201
    body = response.json()
    assert response["Location"] == f"/api/v1/sources/{body['id']}/"
    assert body["status"] == "active"
    assert body["created_by"] == source_admin.pk
    assert len(body["content_sha256"]) == 64
    assert body["text"] == TEXT
    assert AuditEntry.objects.filter(action="source.create", target_id=str(body["id"])).exists()


def test_the_same_text_twice_is_a_409_naming_the_existing_source(client_for, source_admin):
    client = client_for(source_admin)
    first = create(client).json()

    # Same words, different quotes/whitespace: still the same document.
    again = create(
        client,
        title="Copy",
        text="  The bombing at the Quetta hospital took about 70 lives on August\n9, 2016.  ",
    )

    assert again.status_code == 409
    assert again.json()["existing"] == first["id"]
    assert "already registered" in again.json()["detail"]


@pytest.mark.parametrize(
    "data, field",
    [
        ({"reliability": "Z"}, "reliability"),
        ({"text": "bad \x00 byte"}, "text"),
        ({"text": "lone \ud800 surrogate"}, "text"),
        ({"reliability": "\ud800"}, "reliability"),
        ({"title": "nul \x00"}, "title"),
        ({"text": "   "}, "text"),
        ({"kind": "rumour"}, "kind"),
        ({"url": "not a url"}, "url"),
        ({"published_on": "yesterday"}, "published_on"),
    ],
    ids=[
        "invalid grade",
        "NUL text",
        "invalid unicode",
        "invalid unicode in a choice",
        "NUL title",
        "blank",
        "kind",
        "url",
        "date",
    ],
)
def test_bad_input_is_a_400_naming_the_field(client_for, source_admin, data, field):
    response = create(client_for(source_admin), **data)

    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not Source.objects.exists()


def test_invalid_utf8_in_the_body_is_a_400(client_for, source_admin):
    response = client_for(source_admin).post(
        "/api/v1/sources/",
        b'{"title": "x", "reliability": "B", "text": "\xff\xfe"}',
        content_type="application/json",
    )
    assert response.status_code == 400


def test_oversized_text_is_a_413(client_for, source_admin, settings):
    settings.SOURCE_TEXT_MAX_CHARS = 50

    response = create(client_for(source_admin), text="x" * 51)

    assert response.status_code == 413
    assert "text" in response.json()


def upload(client, name, data, **extra):  # type: ignore[no-untyped-def]
    return client.post(
        "/api/v1/sources/",
        {"reliability": "C", "file": SimpleUploadedFile(name, data), **extra},
        format="multipart",
    )


@pytest.mark.parametrize(
    "name, data",
    [
        ("article.txt", TEXT.encode()),
        (
            "article.html",
            f"<html><head><title>t</title></head><body><nav>Menu</nav><article>"
            f"<p>{TEXT}</p></article></body></html>".encode(),
        ),
        ("article.pdf", minimal_pdf(TEXT)),
        ("article.docx", minimal_docx(["Quetta hospital", TEXT])),
    ],
    ids=["txt", "html", "pdf", "docx"],
)
def test_an_uploaded_document_has_its_text_extracted(client_for, source_admin, name, data):
    response = upload(client_for(source_admin), name, data)

    assert response.status_code == 201, response.content
    body = response.json()
    assert "about 70 lives" in body["text"]
    assert body["title"] == "article"


def test_an_oversized_upload_is_a_413(client_for, source_admin, settings):
    settings.SOURCE_UPLOAD_MAX_BYTES = 100

    response = upload(client_for(source_admin), "big.txt", b"x" * 101, title="Big")

    assert response.status_code == 413
    assert "file" in response.json()


@pytest.mark.parametrize(
    "name, data",
    [
        ("virus.exe", b"MZ..."),
        ("broken.pdf", b"%PDF-1.4 garbage"),
        ("broken.docx", b"PK no"),
        ("latin1.txt", "caf\u00e9".encode("latin-1")),
        ("nul.txt", b"a\x00b"),
        ("empty.html", b"<html><body></body></html>"),
    ],
    ids=["unknown type", "corrupt pdf", "corrupt docx", "not utf-8", "nul", "no text"],
)
def test_an_unreadable_upload_is_a_400_naming_file(client_for, source_admin, name, data):
    response = upload(client_for(source_admin), name, data)

    assert response.status_code == 400, response.content
    assert "file" in response.json()


def test_text_and_file_together_are_refused(client_for, source_admin):
    response = upload(client_for(source_admin), "a.txt", b"hello", text="hello", title="t")
    assert response.status_code == 400
    assert "file" in response.json()


def test_correcting_the_text_reanchors_excerpts_or_marks_them_not_anchored(
    client_for, source_admin, changes
):
    source = make_source("Intro. The bombing took about 70 lives. Police said 61 died.")
    fact = make_fact()
    kept = make_excerpt(source, "about 70 lives", fact=fact)
    lost = make_excerpt(source, "Police said 61 died.", fact=fact)

    response = patch_current(
        client_for(source_admin),
        f"/api/v1/sources/{source.pk}/",
        {"text": "A longer intro first. The bombing took about 70 lives. Police said 67 died."},
        format="json",
    )

    assert response.status_code == 200
    kept.refresh_from_db()
    lost.refresh_from_db()
    text = response.json()["text"]
    assert kept.anchored and text[kept.start : kept.end] == "about 70 lives"
    assert not lost.anchored and lost.start is None
    fact.refresh_from_db()
    assert fact.excerpt_count == 1
    assert {"fact_ids": [fact.pk], "code": CHANGE_EXCERPT_UNANCHORED} in [
        {"fact_ids": c["fact_ids"], "code": c["code"]} for c in changes
    ]


def test_a_correction_that_duplicates_another_source_is_a_409(client_for, source_admin):
    other = make_source("The other text.")
    source = make_source("This text.")

    response = patch_current(
        client_for(source_admin),
        f"/api/v1/sources/{source.pk}/",
        {"text": "The other  text."},
        format="json",
    )

    assert response.status_code == 409
    assert response.json()["existing"] == other.pk


def test_downgrading_reliability_tells_the_facts_resting_on_the_source(
    client_for, source_admin, changes
):
    source = make_source(reliability="A")
    fact = make_fact()
    make_excerpt(source, fact=fact)

    patch_current(
        client_for(source_admin),
        f"/api/v1/sources/{source.pk}/",
        {"reliability": "D"},
        format="json",
    )
    patch_current(
        client_for(source_admin),
        f"/api/v1/sources/{source.pk}/",
        {"reliability": "B"},
        format="json",
    )

    downgrades = [c for c in changes if c["code"] == CHANGE_SOURCE_DOWNGRADED]
    assert len(downgrades) == 1
    assert downgrades[0]["fact_ids"] == [fact.pk]
    assert "from reliability A to D" in downgrades[0]["reason"]


def test_retracting_needs_a_reason_and_reopens_what_rests_on_it(client_for, source_admin, changes):
    source = make_source(title="Wrong article")
    fact = make_fact()
    make_excerpt(source, fact=fact)
    client = client_for(source_admin)

    assert (
        client.post(f"/api/v1/sources/{source.pk}/retract/", {}, format="json").status_code == 400
    )
    assert (
        client.post(
            f"/api/v1/sources/{source.pk}/retract/", {"reason": "  "}, format="json"
        ).status_code
        == 400
    )

    response = client.post(
        f"/api/v1/sources/{source.pk}/retract/", {"reason": "Fabricated quote"}, format="json"
    )

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "retracted"
    assert body["retraction_reason"] == "Fabricated quote"
    assert body["retracted_by"] == source_admin.pk
    assert body["retracted_at"]
    fact.refresh_from_db()
    assert fact.excerpt_count == 0
    retractions = [c for c in changes if c["code"] == CHANGE_SOURCE_RETRACTED]
    assert retractions[0]["fact_ids"] == [fact.pk]
    assert "Fabricated quote" in retractions[0]["reason"]
    assert AuditEntry.objects.filter(action="source.retract", comment="Fabricated quote").exists()

    again = client.post(f"/api/v1/sources/{source.pk}/retract/", {"reason": "x"}, format="json")
    assert again.status_code == 409


def test_an_excerpt_of_a_retracted_source_is_refused(client_for, source_admin):
    source = make_source()
    from evidence.services.sources import source_retract

    source_retract(source=source, reason="Wrong", actor=None)

    response = client_for(source_admin).post(
        "/api/v1/excerpts/", {"source": source.pk, "exact": source.text[:10]}, format="json"
    )
    assert response.status_code == 400
    assert "source" in response.json()
    assert not Excerpt.objects.exists()


def test_unknown_source_is_a_404(client_for, source_admin):
    assert client_for(source_admin).get("/api/v1/sources/999999/").status_code == 404


def test_the_source_list_is_filtered_and_its_query_count_does_not_grow(
    client_for, comms, django_assert_max_num_queries
):
    for n in range(12):
        make_source(f"Text number {n}.", reliability="A" if n % 2 else "C")
    client = client_for(comms)

    with django_assert_max_num_queries(6):
        small = client.get("/api/v1/sources/?page_size=2")
    with django_assert_max_num_queries(6):
        large = client.get("/api/v1/sources/?page_size=12&reliability=A")

    assert len(small.json()["results"]) == 2
    assert large.json()["count"] == 6
    assert Fact.objects.count() == 0
