"""Quoting a passage at the evidence desk (Django client): the form opened from a selection's
offsets, figures suggested from the words, attaching to an existing fact or a new one, the
preview that writes nothing, the page after saving, and bad input refused beside its field
with nothing half-written."""

from datetime import date

import pytest
from django.urls import reverse

from campaigns.models import EvidenceLink
from campaigns.services.links import evidence_link_approve
from common.errors import InvalidInput
from evidence.models import Excerpt, Fact, Source
from evidence.services.selections import source_quote_at
from tests.evidence.factories import make_actor, make_excerpt, make_fact, make_source
from tests.web.factories import campaign_with_messages

pytestmark = pytest.mark.django_db

ARTICLE = (
    "Quetta, 13 Nov.\r\n"
    "A suicide bomber struck the shrine, killing 62 people and injuring more than 100.\n"
    "Officials said the toll could rise. The shrine had been attacked before.\n"
)


def new_url(source: Source) -> str:
    return reverse("web:excerpt-new", args=[source.pk])


def offsets(source: Source, words: str) -> dict[str, int]:
    start = source.text.index(words)
    return {"start": start, "end": start + len(words)}


@pytest.fixture
def shrine(db) -> Fact:  # type: ignore[no-untyped-def]
    fact = make_fact(title="Bombing of the Shah Noorani shrine", place="Khuzdar")
    old = make_source(text="November 2016 Shah Norani Shrine attack (53 killed)")
    make_excerpt(
        source=old,
        exact="Shah Norani Shrine attack (53 killed)",
        fact=fact,
        figures=[{"kind": "killed", "value_min": 53, "value_max": 53}],
    )
    fact.refresh_from_db()
    return fact


def form_data(source: Source, words: str, fact: Fact | None, **extra: object) -> dict[str, object]:
    data: dict[str, object] = {
        **offsets(source, words),
        "credibility": 3,
        "attach": "existing",
        "fact": fact.pk if fact else "",
        "figures-TOTAL_FORMS": 2,
        "figures-INITIAL_FORMS": 0,
        "figures-MIN_NUM_FORMS": 0,
        "figures-MAX_NUM_FORMS": 20,
        "figures-0-kind": "killed",
        "figures-0-value_min": 62,
        "figures-0-qualifier": "exact",
        "new_fact-kind": "incident",
        "new_fact-date_precision": "day",
    }
    data.update(extra)
    return data


def test_the_form_opens_with_the_quote_and_the_figures_read_from_its_words(
    page_client, source_admin
):
    source = make_source(text=ARTICLE)
    words = "killing 62 people and injuring more than 100"
    response = page_client(source_admin).get(new_url(source), offsets(source, words))
    assert response.status_code == 200
    page = response.content.decode()
    assert f'<mark class="exact">{words}</mark>' in page
    assert 'name="figures-0-kind"' in page
    assert '<option value="killed" selected>' in page
    assert 'name="figures-0-value_min" value="62"' in page
    assert '<option value="wounded" selected>' in page
    assert 'name="figures-1-value_min" value="100"' in page
    assert '<option value="more_than" selected>' in page


def test_offsets_are_cut_by_the_anchoring_rule_with_enough_context(source_admin):
    source = make_source(text="He said no. Then he said no. Then she said yes.")
    second = source.text.index("said no", 5)
    quote = source_quote_at(source=source, start=second, end=second + len("said no"))
    assert (quote.start, quote.end) == (second, second + 7)
    assert quote.exact == "said no"
    assert quote.prefix.endswith("Then he ")
    # Surrounding whitespace is not part of the passage.
    padded = source_quote_at(source=source, start=second - 1, end=second + 7)
    assert (padded.start, padded.end) == (second, second + 7)
    with pytest.raises(InvalidInput) as refused:
        source_quote_at(source=source, start=second - 1, end=second)
    assert refused.value.errors == {"start": ["The selection holds only spaces; select words."]}


def test_saving_attaches_to_the_fact_and_shows_the_conflict_and_reopened_links(
    page_client, source_admin, comms, reviewer, shrine
):
    campaign = campaign_with_messages(owner=comms, fact=shrine, messages=1)
    link = EvidenceLink.objects.get(message__campaign=campaign)
    evidence_link_approve(link=link, reviewer=reviewer, comment="ok")
    source = make_source(text=ARTICLE)
    client = page_client(source_admin)
    data = form_data(source, "killing 62 people", shrine)

    preview = client.post(new_url(source), {**data, "action": "preview"})
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "What saving will change" in page
    assert "<strong>at least 53</strong>" in page
    assert "new conflict" in page
    assert link.claim in page.split("will go back to review")[1]
    link.refresh_from_db()
    assert link.status == EvidenceLink.Status.APPROVED, "the preview wrote nothing"
    assert Excerpt.objects.filter(source=source).count() == 0
    shrine.refresh_from_db()
    assert shrine.status != Fact.Status.DISPUTED

    response = client.post(new_url(source), {**data, "action": "save"})
    excerpt = Excerpt.objects.get(source=source)
    assert response.status_code == 302
    assert response["Location"] == reverse("web:excerpt-saved", args=[source.pk, excerpt.pk])
    assert source.text[excerpt.start : excerpt.end] == "killing 62 people"
    assert excerpt.created_by == source_admin
    shrine.refresh_from_db()
    assert shrine.status == Fact.Status.DISPUTED
    assert shrine.figures["killed"]["wording"] == "at least 53"
    link.refresh_from_db()
    assert link.status == EvidenceLink.Status.PROPOSED

    page = client.get(response["Location"]).content.decode()
    assert "at least 53" in page
    assert "new: this excerpt disagrees" in page
    assert "Evidence links sent back to review" in page
    assert link.claim in page


def test_a_new_fact_is_documented_with_actors_named_by_alias(page_client, source_admin):
    isis = make_actor(name="ISIS", aliases=["Daesh"])
    source = make_source(text=ARTICLE)
    data = form_data(
        source,
        "killing 62 people",
        None,
        attach="new",
        reported_claimed_by="daesh",
        **{
            "new_fact-title": "Shrine bombing, 13 November",
            "new_fact-occurred_on": "2016-11-13",
            "new_fact-place": "Quetta",
            "new_fact-target_type": "place_of_worship",
            "new_fact-victim_community": "sufi_muslim",
            "new_fact-claimed_by": "Daesh",
        },
    )
    response = page_client(source_admin).post(new_url(source), {**data, "action": "save"})
    assert response.status_code == 302
    fact = Fact.objects.get(title="Shrine bombing, 13 November")
    assert list(fact.claimed_by.all()) == [isis]
    assert fact.occurred_on == date(2016, 11, 13)
    assert fact.figures["killed"]["wording"] == "62"
    excerpt = Excerpt.objects.get(source=source)
    assert list(excerpt.reported_claimed_by.all()) == [isis]


def test_a_refused_new_fact_writes_nothing_and_names_its_field(page_client, source_admin):
    source = make_source(text=ARTICLE)
    data = form_data(
        source, "killing 62 people", None, attach="new", **{"new_fact-title": "No date"}
    )
    response = page_client(source_admin).post(new_url(source), {**data, "action": "save"})
    assert response.status_code == 400
    assert "An incident needs a date" in response.content.decode()
    assert not Fact.objects.filter(title="No date").exists()
    assert not Excerpt.objects.exists()


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"start": 5, "end": 99999}, "The selection must lie within the text"),
        ({"start": "", "end": "", "exact": "words the article never said"}, "does not occur"),
        ({"start": "", "end": "", "exact": ""}, "Select a passage in the text"),
        ({"fact": ""}, "Choose the fact this passage supports"),
        ({"fact": 999999}, "No such fact"),
        ({"figures-0-value_min": ""}, "value_min must be a whole number"),
        ({"figures-0-value_min": "-3"}, "greater than or equal to 0"),
        ({"credibility": 9}, "Select a valid choice"),
        ({"reported_claimed_by": "Nobody Known"}, "no actor is called “Nobody Known”"),
    ],
)
def test_bad_input_is_a_400_naming_the_field_and_nothing_is_written(
    page_client, source_admin, shrine, change, named
):
    source = make_source(text=ARTICLE)
    data = {**form_data(source, "killing 62 people", shrine), **change, "action": "save"}
    response = page_client(source_admin).post(new_url(source), data)
    assert response.status_code == 400
    assert named in response.content.decode()
    assert not Excerpt.objects.filter(source=source).exists()


def test_a_retracted_source_cannot_be_quoted(page_client, source_admin, shrine):
    source = make_source(text=ARTICLE)
    Source.objects.filter(pk=source.pk).update(status=Source.Status.RETRACTED)
    data = {**form_data(source, "killing 62 people", shrine), "action": "save"}
    response = page_client(source_admin).post(new_url(source), data)
    assert response.status_code == 400
    assert "The source is retracted" in response.content.decode()


def test_the_fact_search_finds_facts_by_alias_place_and_date(page_client, source_admin):
    isis = make_actor(name="ISIS", aliases=["Daesh", "ISIL"])
    make_fact(
        title="Church attack", place="Quetta", occurred_on=date(2017, 12, 17), claimed_by=[isis]
    )
    make_fact(title="Market blast", place="Peshawar", occurred_on=date(2015, 3, 2))
    source = make_source(text=ARTICLE)
    url = reverse("web:source-fact-search", args=[source.pk])
    client = page_client(source_admin)

    def found(q: str) -> set[str]:
        page = client.get(url, {"fact_q": q}).content.decode()
        return {t for t in ("Church attack", "Market blast") if t in page}

    assert found("daesh") == {"Church attack"}
    assert found("Peshawar") == {"Market blast"}
    assert found("December 2017") == {"Church attack"}
    assert found("2015") == {"Market blast"}
    assert found("Quetta 2015") == set()


def test_typing_the_passage_anchors_it_too(page_client, source_admin, shrine):
    source = make_source(text=ARTICLE)
    data = {
        **form_data(source, "killing 62 people", shrine),
        "start": "",
        "end": "",
        "exact": "killing  62\npeople",
        "action": "save",
    }
    response = page_client(source_admin).post(new_url(source), data)
    assert response.status_code == 302
    excerpt = Excerpt.objects.get(source=source)
    assert source.text[excerpt.start : excerpt.end] == "killing 62 people"
