"""Uploads are read within limits applied while reading: a zip bomb and a 10,000-page PDF are
refused within seconds, in a child process, and the web process never holds what they inflate
to."""

import resource
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from common.errors import PayloadTooLarge
from evidence.extraction import ExtractionLimits, extract_text, text_from_upload
from evidence.models import Source
from tests.evidence.upload_bombs import docx_bomb, many_page_pdf

pytestmark = pytest.mark.django_db


def upload(client, name, data):  # type: ignore[no-untyped-def]
    return client.post(
        "/api/v1/sources/",
        {"title": "Upload", "reliability": "B", "file": SimpleUploadedFile(name, data)},
        format="multipart",
    )


def test_a_docx_zip_bomb_is_refused_quickly_without_filling_memory(client_for, source_admin):
    bomb = docx_bomb(200 * 1024 * 1024)
    assert len(bomb) < 1024 * 1024  # small on the wire
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()

    response = upload(client_for(source_admin), "bomb.docx", bomb)

    assert time.monotonic() - started < 5
    assert response.status_code == 413
    assert "expands" in response.json()["file"][0]
    assert not Source.objects.exists()
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before
    assert grown_kb < 100 * 1024


def test_a_ten_thousand_page_pdf_is_refused_by_its_page_count(client_for, source_admin):
    pdf = many_page_pdf(10_000)
    started = time.monotonic()

    response = upload(client_for(source_admin), "pages.pdf", pdf)

    assert time.monotonic() - started < 5
    assert response.status_code == 413
    assert "10000 pages" in response.json()["file"][0]


def test_the_reader_itself_refuses_by_the_page_tree_before_reading_pages():
    # The check the child makes (the parent's look at the raw bytes is only a shortcut).
    with pytest.raises(PayloadTooLarge) as refused:
        extract_text(name="x.pdf", data=many_page_pdf(20), limits=ExtractionLimits(max_pages=10))

    assert "20 pages" in refused.value.message


def test_a_pdf_within_the_page_limit_is_read():
    text = text_from_upload(name="short.pdf", data=many_page_pdf(3, text="Quetta"))

    assert text.count("Quetta") == 3


def test_reading_is_stopped_at_the_time_limit():
    with pytest.raises(Exception) as refused:
        text_from_upload(
            name="slow.pdf", data=many_page_pdf(200), limits=ExtractionLimits(max_seconds=0)
        )

    assert getattr(refused.value, "status_code", None) == 413
    assert "to read" in str(refused.value)


def test_a_process_out_of_memory_is_a_413_not_a_crash():
    with pytest.raises(Exception) as refused:
        text_from_upload(
            name="big.docx",
            data=docx_bomb(40 * 1024 * 1024),
            limits=ExtractionLimits(max_memory_bytes=32 * 1024 * 1024),
        )

    assert getattr(refused.value, "status_code", None) == 413


def test_control_characters_left_by_an_extractor_are_not_stored(client_for, source_admin):
    response = upload(client_for(source_admin), "odd.html", b"<p>Seventy\x0b killed\x07</p>")

    assert response.status_code == 201
    assert Source.objects.get().text.replace("\n", " ").strip() == "Seventy killed"
