"""What a reader of a campaign brief sees, read back from the PDF (pdftotext) and the DOCX
(python-docx): facts named beside rejected claims, no "no conflicts" beside a flag saying the
sources disagree, words instead of codes, the campaign page's message numbers, hashtags kept
with their "#" in Urdu, and no heading left alone at the bottom of a page."""

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from django.urls import reverse
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from campaigns.models import Campaign, EvidenceLink, Message, Theme
from campaigns.services.campaigns import campaign_create
from campaigns.services.links import (
    evidence_link_approve,
    evidence_link_propose,
    evidence_link_reject,
)
from campaigns.services.messages import message_create
from campaigns.services.themes import theme_catalogue_ensure
from common.bidi import FSI, PDI
from evidence.models import Fact
from reports.models import Report
from reports.rendering import render_report
from reports.selectors.context import report_context_build
from tests.reports.contexts import sample_brief
from tests.scenarios import quetta_evidence

pytestmark = pytest.mark.django_db

URDU_WITH_TAG = "کوئٹہ کے چرچ پر حملے میں 9 نمازی جاں بحق ہوئے۔ #NotInOurName"
REJECTION = "The sources disagree on the toll."
HEADINGS = {
    "Plan (GAMMMA+)", "Themes", "Coverage", "Charts", "Messages", "Notes", "Open flags",
    "Conflicts and their resolution", "Bibliography",
}  # fmt: skip
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass
class ReaderCampaign:
    campaign: Campaign
    hospital: Fact
    church: Fact
    english: Message
    urdu: Message
    rejected: EvidenceLink


def reader_campaign(owner, reviewer) -> ReaderCampaign:  # type: ignore[no-untyped-def]
    """A campaign whose only claim on the disputed hospital bombing was rejected, an approved
    claim on the church attack, and an Urdu message with a number and a Latin hashtag."""
    theme_catalogue_ensure()
    evidence = quetta_evidence(with_claims=True)
    theme = Theme.objects.get(slug="brutality-against-non-muslims")
    campaign = campaign_create(
        owner=owner,
        name="Quetta reader campaign",
        goal="Show the group attacks every faith.",
        audiences=["Students"],
        messengers=["Survivors"],
        channels=["x", "facebook", "radio"],
        call_to_action="Share the stories.",
        indicators=[{"name": "Shares", "target": "100"}],
        themes=[theme],
    )
    english = message_create(
        campaign=campaign,
        actor=owner,
        channel="facebook",
        language="en",
        theme=theme,
        text="The hospital bombing killed 75 people. The church attack killed nine worshippers.",
    )
    urdu = message_create(
        campaign=campaign, actor=owner, channel="x", language="ur", theme=theme, text=URDU_WITH_TAG
    )
    rejected = evidence_link_propose(
        message=english, fact=evidence.hospital, claim="killed 75 people", actor=owner
    )
    rejected = evidence_link_reject(link=rejected, reviewer=reviewer, comment=REJECTION)
    church = evidence_link_propose(
        message=english, fact=evidence.church, claim="killed nine worshippers", actor=owner
    )
    evidence_link_approve(link=church, reviewer=reviewer)
    evidence_link_propose(
        message=urdu, fact=evidence.church, claim="چرچ پر حملے میں 9 نمازی", actor=owner
    )
    evidence.hospital.refresh_from_db()
    return ReaderCampaign(campaign, evidence.hospital, evidence.church, english, urdu, rejected)


@pytest.fixture
def reader(comms, reviewer) -> ReaderCampaign:  # type: ignore[no-untyped-def]
    return reader_campaign(comms, reviewer)


def render_brief(campaign: Campaign, user, fmt: str, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    report = Report.objects.create(
        kind="campaign_brief", format=fmt, campaign=campaign, requested_by=user
    )
    report = Report.objects.select_related("campaign", "requested_by").get(pk=report.pk)
    path = tmp_path / f"brief.{fmt}"
    render_report(report_context_build(report=report), format=fmt, path=path)
    return path


def pdftotext(path: Path, *, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(
        ["pdftotext", "-layout", *pages, str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def flat(text: str) -> str:
    return " ".join(BIDI_CONTROLS.sub("", text).split())


def style_name(paragraph: Paragraph) -> str:
    return paragraph.style.name if paragraph.style is not None else ""


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return flat("\n".join(parts))


def test_the_rejected_claim_names_its_fact_and_carries_no_flag(reader, comms, tmp_path):
    assert reader.hospital.status == "disputed"
    assert any(f["code"] == "disputed_fact" for f in reader.rejected.flags)
    pdf = flat(pdftotext(render_brief(reader.campaign, comms, "pdf", tmp_path)))
    word = docx_text(render_brief(reader.campaign, comms, "docx", tmp_path))
    for text in (pdf, word):
        assert "→ ()" not in text and "()" not in text
        assert reader.hospital.title in text
        assert f"Rejected by {reader.rejected.reviewed_by.get_username()}: “{REJECTION}”" in text
        assert "not part of the campaign's evidence" in text
    # Its fact is no evidence of the campaign: the brief neither flags nor counts its conflict.
    assert "“killed 75 people”[" not in pdf  # no citation numbers on the rejected claim


def test_no_conflicts_is_never_said_beside_a_flag_that_sources_disagree(reader, comms, tmp_path):
    for fmt, read in (("pdf", lambda p: flat(pdftotext(p))), ("docx", docx_text)):
        text = read(render_brief(reader.campaign, comms, fmt, tmp_path))
        assert "No conflicts are recorded on the facts behind this campaign's claims." in text
        assert "Sources disagree" not in text, fmt


def test_a_disputed_fact_shows_its_conflict_in_words(scenario, comms, tmp_path):
    for fmt, read in (("pdf", lambda p: flat(pdftotext(p))), ("docx", docx_text)):
        text = read(render_brief(scenario.campaign, comms, fmt, tmp_path))
        assert "Sources disagree about this fact" in text  # the flag on the claim…
        assert "Conflicts and their resolution" in text
        assert "Number killed" in text  # …and the conflict itself, in words
        assert "No conflicts are recorded" not in text
        assert "killed (figure)" not in text


def test_the_brief_speaks_in_words_not_codes(reader, comms, tmp_path):
    for fmt, read in (("pdf", lambda p: flat(pdftotext(p))), ("docx", docx_text)):
        text = read(render_brief(reader.campaign, comms, fmt, tmp_path))
        assert "X (Twitter); Facebook; Radio" in text, fmt
        assert "x; facebook; radio" not in text
        assert "This fact rests on a single source and no Reviewer has verified it." in text
        assert "Next step: Add a second independent source" in text
        for code in ("unverified_fact", "disputed_fact", "figure_exceeds_evidence", "facebook;"):
            assert code not in text, (fmt, code)
        assert "· Urdu ·" in text and "· English ·" in text
        assert "Active" in text and " active" not in text  # the sources' status, as a label


def test_messages_carry_the_numbers_the_campaign_page_shows(reader, comms, tmp_path, client):
    client.force_login(comms)
    page = client.get(reverse("web:campaign", args=[reader.campaign.pk])).content.decode()
    on_page = [int(n) for n in re.findall(r"<strong>Message (\d+)</strong>", page)]
    assert on_page == [reader.english.pk, reader.urdu.pk]
    pdf = pdftotext(render_brief(reader.campaign, comms, "pdf", tmp_path))
    assert [int(n) for n in re.findall(r"^\s*Message (\d+)\s*$", pdf, re.M)] == on_page
    document = docx.Document(str(render_brief(reader.campaign, comms, "docx", tmp_path)))
    headings = [p.text for p in document.paragraphs if style_name(p) == "Heading 3"]
    assert [int(h.split()[1]) for h in headings if h.startswith("Message ")] == on_page


def test_an_urdu_hashtag_keeps_its_hash_in_the_pdf_and_the_html(reader, comms, tmp_path):
    text = pdftotext(render_brief(reader.campaign, comms, "pdf", tmp_path))
    line = next(line for line in text.splitlines() if "NotInOurName" in line)
    assert "#NotInOurName" in BIDI_CONTROLS.sub("", line)
    assert "NotInOurName#" not in BIDI_CONTROLS.sub("", line)
    html = render_brief(reader.campaign, comms, "html", tmp_path).read_text(encoding="utf-8")
    assert f'dir="rtl" lang="ur">کوئٹہ کے چرچ پر حملے میں {FSI}9{PDI} نمازی' in html
    assert f"{FSI}#NotInOurName{PDI}</p>" in html


def test_an_urdu_message_in_docx_is_a_bidi_paragraph_with_its_hashtag_isolated(
    reader, comms, tmp_path
):
    document = docx.Document(str(render_brief(reader.campaign, comms, "docx", tmp_path)))
    paragraph = next(p for p in document.paragraphs if "NotInOurName" in p.text)
    assert paragraph._p.pPr.find(qn("w:bidi")) is not None  # type: ignore[union-attr]
    assert BIDI_CONTROLS.sub("", paragraph.text) == URDU_WITH_TAG
    tag = next(run for run in paragraph.runs if "NotInOurName" in run.text)
    assert tag.text == f"{FSI}#NotInOurName{PDI}"
    assert tag.font.rtl is not True  # laid out left to right inside the RTL paragraph
    assert paragraph.runs[0].font.rtl is True
    number = next(run for run in paragraph.runs if "9" in run.text)
    assert number.text == f"{FSI}9{PDI}"


def _page_ends(path: Path) -> list[str]:
    """The last line of text above the footer, on every page but the last."""
    pages = len(re.findall(r"page \d+ of", pdftotext(path)))
    ends = []
    for number in range(1, pages):
        lines = [ln.strip() for ln in pdftotext(path, page=number).splitlines() if ln.strip()]
        body = [ln for ln in lines if not re.search(r"page \d+ of \d+", ln)]
        ends.append(body[-1])
    return ends


# Without keep-with-next these lengths leave a message's heading and details line at the
# bottom of a page, its text on the next.
@pytest.mark.parametrize("messages", [11, 26])
def test_no_heading_is_left_alone_at_the_bottom_of_a_pdf_page(tmp_path, messages):
    path = tmp_path / "brief.pdf"
    render_report(sample_brief(messages=messages, links=messages * 2), format="pdf", path=path)
    ends = _page_ends(path)
    assert len(ends) >= 4
    for end in ends:
        assert end not in HEADINGS, ends
        assert not re.fullmatch(r"Message \d+", end), ends
        assert " · revision " not in end, ends  # a message's details line, under its heading


def test_docx_headings_and_message_details_keep_with_what_follows(tmp_path):
    path = tmp_path / "brief.docx"
    render_report(sample_brief(messages=6), format="docx", path=path)
    paragraphs = docx.Document(str(path)).paragraphs
    for index, paragraph in enumerate(paragraphs):
        style = paragraph.style
        if style is None or not style_name(paragraph).startswith("Heading"):
            continue
        keep = paragraph.paragraph_format.keep_with_next
        assert keep or style.paragraph_format.keep_with_next, paragraph.text
        if paragraph.text.startswith("Message "):
            details, text = paragraphs[index + 1], paragraphs[index + 2]
            assert details.paragraph_format.keep_with_next is True, details.text
            assert text.paragraph_format.keep_with_next is True, text.text
