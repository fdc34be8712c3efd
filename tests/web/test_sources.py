"""The sources pages: who may open them, the list's filters, registering a source (pasted,
uploaded, a duplicate), retracting and correcting one, each with what it will change first."""

import html
import io
import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from evidence.models import Excerpt, Fact, Source
from tests.evidence.factories import make_excerpt, make_fact, make_source
from tests.web.versions import opened_version

pytestmark = pytest.mark.django_db

LIST = reverse("web:sources")
NEW = reverse("web:source-new")


def next_link(page: str) -> str:
    found = re.search(r'href="(\?[^"]*)" rel="next"', page)
    assert found, "no next link"
    return LIST + html.unescape(found.group(1))


def source_url(source: Source, name: str = "web:source") -> str:
    return reverse(name, args=[source.pk])


def test_anonymous_visitors_are_sent_to_sign_in(page_client):
    source = make_source()
    for address in (LIST, NEW, source_url(source), source_url(source, "web:source-retract")):
        response = page_client().get(address)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_readers_see_sources_but_only_source_admins_write(
    page_client, comms, reviewer, source_admin, no_role_user
):
    source = make_source(title="Quetta report")
    excerpt = make_excerpt(source=source)
    for user in (comms, reviewer):
        client = page_client(user)
        assert "Quetta report" in client.get(LIST).content.decode()
        page = client.get(source_url(source)).content.decode()
        assert "Quetta report" in page
        assert "Quote the selected passage" not in page
        for address in (
            NEW,
            source_url(source, "web:source-retract"),
            source_url(source, "web:source-edit"),
            source_url(source, "web:excerpt-new"),
            source_url(source, "web:source-fact-search"),
            reverse("web:excerpt-saved", args=[source.pk, excerpt.pk]),
        ):
            assert client.get(address).status_code == 403, address
        assert client.post(NEW, {"title": "x", "text": "y"}).status_code == 403
        retract = source_url(source, "web:source-retract")
        assert client.post(retract, {"reason": "no"}).status_code == 403
    source.refresh_from_db()
    assert source.status == Source.Status.ACTIVE
    assert Source.objects.count() == 1
    assert Excerpt.objects.count() == 1
    for address in (LIST, source_url(source)):
        assert page_client(no_role_user).get(address).status_code == 403
    page = page_client(source_admin).get(source_url(source)).content.decode()
    assert "Quote the selected passage" in page


def test_the_nav_offers_sources_to_every_role(page_client, comms):
    page = page_client(comms).get(reverse("web:dashboard")).content.decode()
    assert f'href="{LIST}"' in page


def test_list_filters_by_publisher_grade_status_language_and_date(page_client, reviewer):
    make_source(
        title="Dawn piece", publisher="Dawn", reliability="B", published_on=date(2017, 2, 1)
    )
    make_source(title="Express piece", publisher="Express Tribune", reliability="C")
    urdu = make_source(title="Urdu piece", publisher="Jang", language="ur", reliability="C")
    old = make_source(title="Old piece", publisher="Dawn", published_on=date(2015, 1, 1))
    urdu.status = Source.Status.RETRACTED
    urdu.save()
    client = page_client(reviewer)

    def titles(**query: str) -> set[str]:
        page = client.get(LIST, query).content.decode()
        return {t for t in ("Dawn piece", "Express piece", "Urdu piece", "Old piece") if t in page}

    assert titles(publisher="dawn") == {"Dawn piece", "Old piece"}
    assert titles(reliability="C") == {"Express piece", "Urdu piece"}
    assert titles(status="retracted") == {"Urdu piece"}
    assert titles(language="ur") == {"Urdu piece"}
    assert titles(published_from="2016-01-01") == {"Dawn piece"}
    assert titles(published_to="2016-01-01") == {"Old piece"}
    assert old.pk


def test_list_refuses_unknown_filter_values_naming_the_field(page_client, comms):
    response = page_client(comms).get(LIST, {"reliability": "Z", "published_from": "soon"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Grade: Select a valid choice" in page
    assert "Published from: Enter a valid date" in page


def test_list_is_paginated_keeping_the_filters(page_client, comms):
    for n in range(27):
        make_source(title=f"Piece {n:02d}", publisher="Dawn")
    make_source(title="Other paper's piece", publisher="Express")
    client = page_client(comms)
    page = client.get(LIST, {"publisher": "Dawn"}).content.decode()
    assert "27 sources" in page
    assert "Piece 26" in page and "Piece 01" not in page  # newest first, 25 a page
    following = next_link(page)
    assert following.startswith(f"{LIST}?publisher=Dawn&cursor=")
    second = client.get(following).content.decode()
    assert "Piece 01" in second and "Piece 00" in second and "Piece 26" not in second
    assert "Other paper" not in second
    assert 'rel="next"' not in second and 'rel="prev"' in second


def test_a_source_admin_registers_a_pasted_article(page_client, source_admin):
    response = page_client(source_admin).post(
        NEW,
        {
            "title": "Blast at a shrine",
            "publisher": "Dawn",
            "author": "A. Writer",
            "url": "https://example.org/a",
            "published_on": "2016-11-13",
            "language": "en",
            "kind": "news",
            "reliability": "B",
            "text": "At least 52 people were killed.\r\nThe shrine was crowded.",
        },
    )
    source = Source.objects.get()
    assert response.status_code == 302
    assert response["Location"] == source_url(source)
    assert source.reliability == "B" and source.publisher == "Dawn"
    assert source.created_by == source_admin
    page = page_client(source_admin).get(source_url(source)).content.decode()
    assert "At least 52 people were killed." in page


def test_an_uploaded_docx_is_registered_with_its_text(page_client, source_admin):
    import docx

    document = docx.Document()
    document.add_paragraph("Sixty-one policemen were killed in Quetta.")
    data = io.BytesIO()
    document.save(data)
    upload = SimpleUploadedFile("quetta-report.docx", data.getvalue())
    response = page_client(source_admin).post(
        NEW, {"language": "en", "kind": "report", "reliability": "C", "file": upload}
    )
    assert response.status_code == 302
    source = Source.objects.get()
    assert source.title == "quetta-report"
    assert "Sixty-one policemen" in source.text


def test_a_duplicate_text_shows_the_existing_source(page_client, source_admin):
    existing = make_source(text="The same article, word for word.", title="First copy")
    response = page_client(source_admin).post(
        NEW,
        {
            "title": "Second copy",
            "language": "en",
            "kind": "news",
            "reliability": "C",
            "text": "The  same article,\nword for word.",
        },
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "This text is already in the archive" in page
    assert f'href="{source_url(existing)}"' in page
    assert Source.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"title": "T", "text": ""}, "Paste the text or upload a file."),
        ({"title": "", "text": "Some text"}, "Give the source a title."),
        ({"title": "T", "text": "x", "reliability": "Q"}, "Select a valid choice"),
        ({"title": "T", "text": "x", "url": "not a url"}, "Enter a valid URL"),
        ({"title": "T", "text": "bad \x00 byte"}, "Null characters are not allowed."),
    ],
)
def test_bad_input_is_a_400_beside_the_field_and_nothing_is_saved(
    page_client, source_admin, fields, named
):
    data = {"language": "en", "kind": "news", "reliability": "C", **fields}
    response = page_client(source_admin).post(NEW, data)
    assert response.status_code == 400
    assert named in response.content.decode()
    assert Source.objects.count() == 0


def test_an_unreadable_upload_is_refused_on_the_file_field(page_client, source_admin):
    upload = SimpleUploadedFile("notes.exe", b"MZ\x00\x01")
    response = page_client(source_admin).post(
        NEW, {"title": "T", "language": "en", "kind": "news", "reliability": "C", "file": upload}
    )
    assert response.status_code == 400
    assert "File:" in response.content.decode() or "file" in response.content.decode()
    assert Source.objects.count() == 0


def test_the_source_page_highlights_excerpts_and_lists_unanchored_ones(page_client, comms):
    source = make_source(text="Line one.\r\nThe blast killed 53 people at the shrine.\nEnd.")
    fact = make_fact(title="Shrine bombing")
    make_excerpt(source=source, exact="killed 53 people", fact=fact)
    lost = make_excerpt(source=source, exact="End.")
    Excerpt.objects.filter(pk=lost.pk).update(anchored=False, start=None, end=None)
    page = page_client(comms).get(source_url(source)).content.decode()
    start = source.text.index("killed 53 people")
    assert f'<mark data-start="{start}" data-excerpts="1"' in page
    assert ">killed 53 people</mark>" in page
    assert f'href="{reverse("web:fact", args=[fact.pk])}"' in page
    assert "No longer found in the text" in page
    assert "This passage does not occur in the source text." not in page  # "End." is there
    assert "The passage occurs in the text again" in page
    # The carriage return is left out so the page's text offsets stay the source's.
    assert "\r" not in page.split('id="reading"')[1].split("</div>")[0]


def test_retracting_shows_what_will_reopen_then_recomputes_the_fact(page_client, source_admin):
    first = make_source(text="The attack killed 53 people.")
    second = make_source(text="The attack killed 60 people, officials said.")
    fact = make_fact(title="Shrine bombing")
    make_excerpt(
        source=first,
        exact="killed 53 people",
        fact=fact,
        figures=[{"kind": "killed", "value_min": 53, "value_max": 53}],
    )
    make_excerpt(
        source=second,
        exact="killed 60 people",
        fact=fact,
        figures=[{"kind": "killed", "value_min": 60, "value_max": 60}],
    )
    fact.refresh_from_db()
    assert fact.status == Fact.Status.DISPUTED
    client = page_client(source_admin)
    url = source_url(second, "web:source-retract")
    page = client.get(url).content.decode()
    assert "What retracting will re-open" in page
    assert "Shrine bombing" in page
    assert "at least 53" in page and "<strong>53</strong>" in page
    assert "conflict ends" in page
    fact.refresh_from_db()
    assert fact.status == Fact.Status.DISPUTED, "the preview wrote nothing"
    second.refresh_from_db()
    assert second.status == Source.Status.ACTIVE

    refused = client.post(url, {"reason": "  "})
    assert refused.status_code == 400
    assert "This field is required." in refused.content.decode()

    response = client.post(url, {"reason": "The outlet withdrew the story."})
    assert response.status_code == 302
    second.refresh_from_db()
    fact.refresh_from_db()
    assert second.status == Source.Status.RETRACTED
    assert fact.figures["killed"]["wording"] == "53"
    assert fact.status != Fact.Status.DISPUTED


def test_correcting_the_text_shows_kept_and_lost_excerpts_before_saving(page_client, source_admin):
    source = make_source(text="Ten people died. The market burned. Police came.", title="Market")
    fact = make_fact(title="Market fire")
    make_excerpt(source=source, exact="Ten people died.", fact=fact)
    make_excerpt(source=source, exact="The market burned.", fact=fact)
    client = page_client(source_admin)
    url = source_url(source, "web:source-edit")
    data = {
        "version": opened_version(client, url),
        "title": "Market",
        "publisher": source.publisher,
        "language": "en",
        "kind": "news",
        "reliability": "B",
        "text": "Ten people died. Police came later.",
        "action": "check",
    }
    page = client.post(url, data).content.decode()
    assert "1 excerpt will be lost" in page
    assert "The market burned." in page.split("will be lost")[1]
    assert "1 excerpt is found again in the new text" in page
    source.refresh_from_db()
    assert "market burned" in source.text, "checking wrote nothing"

    response = client.post(url, {**data, "action": "save"})
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.text == "Ten people died. Police came later."
    lost = Excerpt.objects.get(exact="The market burned.")
    assert lost.anchored is False
    page = client.get(source_url(source)).content.decode()
    assert "No longer found in the text" in page
    assert "This passage does not occur in the source text." in page


def test_correcting_with_an_empty_text_is_a_400_and_changes_nothing(page_client, source_admin):
    source = make_source(text="Ten people died.", title="Market")
    client = page_client(source_admin)
    url = source_url(source, "web:source-edit")
    response = client.post(
        url,
        {
            "version": opened_version(client, url),
            "title": "Market",
            "language": "en",
            "kind": "news",
            "reliability": "B",
            "text": "   ",
            "action": "save",
        },
    )
    assert response.status_code == 400
    assert "The text is empty." in response.content.decode()
    source.refresh_from_db()
    assert source.text == "Ten people died."


def test_the_list_and_the_source_page_cost_the_same_queries_however_long(page_client, comms):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = page_client(comms)

    def queries(address: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(address).status_code == 200
        return len(captured)

    source = make_source(text="One. Two. Three. Four. Five. Six. Seven. Eight.")
    fact = make_fact(title="Counted")
    make_excerpt(source=source, exact="One.", fact=fact)
    few_sources, few_excerpts = queries(LIST), queries(source_url(source))
    for n in range(8):
        make_source(title=f"More {n}")
    for words in ("Two.", "Three.", "Four.", "Five."):
        make_excerpt(
            source=source,
            exact=words,
            fact=fact,
            figures=[{"kind": "killed", "value_min": 3, "value_max": 3}],
        )
    assert queries(LIST) == few_sources
    assert queries(source_url(source)) == few_excerpts


def test_line_endings_alone_are_not_a_correction(page_client, source_admin):
    source = make_source(text="First line.\nSecond line.", title="Lines")
    fact = make_fact(title="Lines fact")
    excerpt = make_excerpt(source=source, exact="Second line.", fact=fact)
    response = page_client(source_admin).post(
        source_url(source, "web:source-edit"),
        {
            "title": "Lines",
            "publisher": source.publisher,
            "language": "en",
            "kind": "news",
            "reliability": "B",
            "text": "First line.\r\nSecond line.",
            "action": "save",
        },
    )
    assert response.status_code == 302
    source.refresh_from_db()
    excerpt.refresh_from_db()
    assert source.text == "First line.\nSecond line."
    assert (excerpt.start, excerpt.end) == (12, 24)
