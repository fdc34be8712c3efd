"""The cheap recompute after an excerpt or fact edit gives exactly what the full recompute gives.

Excerpt and fact services regroup a fact's origins from the stored grouping and re-check only
the links on the changed facts; `fact_recompute(fact=…)` without `sources_unchanged` (what a
source edit runs) regroups every source from its text, and `claim_checks_for_messages`
re-checks every link and message. After each random step of a seeded walk over excerpts added,
moved and deleted and sources retracted (figures with every qualifier, dates, responsibility
claimed and denied, relations, Urdu and English sources, shared publishers and copied
stories), the stored results must equal the reference's.
"""

import random
from datetime import date
from typing import Any

import pytest

from campaigns.models import EvidenceLink, Message
from campaigns.services.claim_checks import claim_checks_for_messages
from campaigns.services.links import evidence_link_propose
from evidence.models import Excerpt, Fact, Source, SourceShingleIndex
from evidence.services.conflicts import fact_recompute
from evidence.services.excerpts import excerpt_create, excerpt_delete, excerpt_update
from evidence.services.facts import fact_create, fact_update
from evidence.services.origins import (
    SourceIndex,
    SourceText,
    origins_of,
    origins_regrouped,
    shingle_index,
)
from evidence.services.sources import source_create, source_retract, source_update
from tests.campaigns.factories import make_actor, make_campaign, make_message

pytestmark = pytest.mark.django_db

QUALIFIERS = ["exact", "about", "at_least", "more_than", "up_to"]
COPIED = "Officials said the blast at the shrine in Sehwan killed many worshippers on Thursday."
COMPUTED = ("figures", "conflicts", "status", "origins", "excerpt_count")


def _stored(fact: Fact) -> dict[str, Any]:
    fact.refresh_from_db()
    return {name: getattr(fact, name) for name in COMPUTED}


def _flags() -> dict[str, Any]:
    return {
        "links": dict(EvidenceLink.objects.values_list("pk", "flags")),
        "messages": dict(Message.objects.values_list("pk", "flags")),
    }


def _assert_as_full_recompute(facts: list[Fact], step: str) -> None:
    cheap = {fact.pk: _stored(fact) for fact in facts}
    cheap_flags = _flags()
    for fact in facts:
        fact_recompute(fact=fact)  # every source regrouped from its text
    claim_checks_for_messages(message_ids=Message.objects.values_list("pk", flat=True))
    assert {fact.pk: _stored(fact) for fact in facts} == cheap, step
    assert _flags() == cheap_flags, step


def _source(rng: random.Random, n: int) -> tuple[Source, str]:
    killed = rng.randint(40, 95)
    words = f"killed {killed} people"
    if rng.random() < 0.3:
        text = f"{COPIED} Report {n}: they {words}."  # a copy of one story: one origin
    elif rng.random() < 0.5:
        text = f"شہر میں دھماکہ {n}۔ The blast {words} near the market, police said on day {n}."
    else:
        text = f"Dispatch {n} from correspondent {n * 7}: witnesses said the attack {words}."
    source = source_create(
        title=f"Report {n}",
        text=text,
        reliability=rng.choice("ABCD"),
        publisher=rng.choice(["Dawn", "The News", "", f"Local paper {n}"]),
        language=rng.choice(["en", "ur"]),
        created_by=None,
    )
    return source, words


def _figure(rng: random.Random) -> dict[str, Any]:
    low = rng.randint(40, 95)
    qualifier = rng.choice(QUALIFIERS)
    high = low + rng.choice([0, 0, 5]) if qualifier in ("exact", "about", "up_to") else None
    return {
        "kind": rng.choice(["killed", "wounded"]),
        "value_min": low,
        "value_max": high,
        "qualifier": qualifier,
    }


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_excerpt_and_fact_edits_give_what_the_full_recompute_gives(seed, comms, source_admin):
    rng = random.Random(seed)
    isis, ttp = make_actor("Islamic State"), make_actor("Tehrik-i-Taliban Pakistan")
    facts = [
        Fact.objects.get(pk=f.pk)
        for f in (
            fact_create(
                kind=Fact.Kind.INCIDENT,
                title=f"Attack {n}",
                occurred_on=date(2017, 2, 16),
                created_by=None,
            )
            for n in range(2)
        )
    ]
    campaign = make_campaign(comms)
    for n, fact in enumerate(facts):
        message = make_message(campaign, comms, f"Message {n}: ISIS killed 88 worshippers.")
        evidence_link_propose(
            message=message, fact=fact, claim="killed 88 worshippers", actor=comms
        )
    for step in range(14):
        excerpts = list(Excerpt.objects.filter(fact__in=facts, source__status="active"))
        action = rng.choice(["add", "add", "add", "move", "delete", "retract", "edit"])
        if action == "add" or not excerpts:
            source, words = _source(rng, step)
            excerpt_create(
                source=source,
                exact=words,
                fact=rng.choice(facts),
                figures=[_figure(rng) for _ in range(rng.randint(0, 2))],
                reported_on=rng.choice([None, date(2017, 2, 16), date(2017, 2, 17)]),
                reported_claimed_by=rng.choice([[], [isis], [ttp]]),
                reported_denied_by=rng.choice([[], [], [isis]]),
                reported_relation=rng.choice(["", "", "allegiance", "split"]),
            )
        elif action == "move":
            excerpt_update(excerpt=rng.choice(excerpts), actor=source_admin, fact=rng.choice(facts))
        elif action == "delete":
            excerpt_delete(excerpt=rng.choice(excerpts), actor=source_admin)
        elif action == "retract":
            source_retract(
                source=rng.choice(excerpts).source, reason="Withdrawn.", actor=source_admin
            )
        else:
            fact_update(fact=rng.choice(facts), actor=source_admin, place=f"Sehwan {step}")
        _assert_as_full_recompute(facts, f"seed {seed}, step {step}: {action}")


def test_regrouping_a_broken_group_splits_it_as_a_fresh_grouping_would():
    """A source that tied two copies together leaves: they are two origins again."""
    words = [f"w{i}" for i in range(40)]
    a = SourceText(1, "", " ".join(words[0:30]))
    bridge = SourceText(2, "", " ".join(words[5:35]))
    c = SourceText(3, "", " ".join(words[10:40]))
    texts = {s.id: s for s in (a, bridge, c)}

    def load(ids: set[int]) -> list[SourceText]:
        return [texts[i] for i in ids]

    before = origins_of([a, bridge, c])
    assert before["independent"] == 1 and origins_of([a, c])["independent"] == 2
    after = origins_regrouped(before, {1, 3}, load)
    assert after == origins_of([a, c])
    assert origins_regrouped(origins_of([a, c]), {1, 2, 3}, load) == before


def _texts(rng: random.Random, count: int) -> list[SourceText]:
    """Short and long texts over a small vocabulary, a third of them edited copies of an
    earlier one (a word changed, dropped or added here and there), under few publishers."""
    vocabulary = [f"w{i}" for i in range(12)] + ["Killed", "killed,", "the", "blast"]
    texts: list[list[str]] = []
    for _ in range(count):
        if texts and rng.random() < 0.4:
            words = list(rng.choice(texts))
            for _ in range(rng.randint(0, max(1, len(words) // 6))):
                at = rng.randrange(len(words) + 1)
                edit = rng.choice(["change", "drop", "add"])
                if edit == "add" or at == len(words):
                    words.insert(at, rng.choice(vocabulary))
                elif edit == "drop":
                    del words[at]
                else:
                    words[at] = rng.choice(vocabulary)
        else:
            words = [rng.choice(vocabulary) for _ in range(rng.choice([0, 2, 4, 5, 6, 12, 40]))]
        texts.append(words)
    publishers = ["", "", "", "Dawn", " dawn ", "Reuters"]
    return [
        SourceText(n, rng.choice(publishers) if rng.random() < 0.3 else "", " ".join(words))
        for n, words in enumerate(texts, start=1)
    ]


@pytest.mark.parametrize("seed", range(40))
def test_regrouping_through_the_stored_indexes_gives_what_the_texts_give(seed):
    """A source added to a fact is compared with the others' shingle indexes, and with their
    texts only where the index does not rule a copy out (or is missing): the grouping is
    exactly the one a comparison of every text gives."""
    rng = random.Random(seed)
    sources = _texts(rng, rng.randint(2, 30))
    by_id = {s.id: s for s in sources}
    missing = {s.id for s in sources if rng.random() < 0.15}  # stored before the index
    read: set[int] = set()

    def load(ids: set[int]) -> list[SourceText]:
        read.update(ids)
        return [by_id[i] for i in ids]

    def indexes(ids: set[int]) -> list[SourceIndex]:
        return [
            SourceIndex(
                i, by_id[i].publisher, None if i in missing else shingle_index(by_id[i].text)
            )
            for i in ids
        ]

    ids = sorted(by_id)
    for _ in range(10):
        before = set(rng.sample(ids, rng.randint(0, len(ids))))
        now = set(rng.sample(ids, rng.randint(0, len(ids))))
        if rng.random() < 0.5:  # the usual change: a source or two added
            now = before | set(rng.sample(ids, rng.randint(1, 2)))
        old = origins_of(by_id[i] for i in before)
        expected = origins_of(by_id[i] for i in now)
        read.clear()
        assert origins_regrouped(old, now, load, indexes) == expected, (before, now)
        if now - before:  # never skipped: a source without an index is compared on its text
            assert missing & before & now <= read
        assert origins_regrouped(old, now, load) == expected, (before, now)


def test_a_shared_hash_alone_does_not_make_two_sources_one_origin():
    """The index only rules pairs out: two texts sharing a shingle (so a hash) but under the
    threshold stay two origins, and an exact copy is one."""
    a = SourceText(1, "", "one two three four five six seven eight")
    b = SourceText(2, "", "one two three four five nine ten eleven twelve")
    c = SourceText(3, "", "one two three four five six seven eight")
    texts = {s.id: s for s in (a, b, c)}

    def load(ids: set[int]) -> list[SourceText]:
        return [texts[i] for i in ids]

    def indexes(ids: set[int]) -> list[SourceIndex]:
        return [SourceIndex(i, "", shingle_index(texts[i].text)) for i in ids]

    assert origins_regrouped(origins_of([a]), {1, 2}, load, indexes)["independent"] == 2
    assert origins_regrouped(origins_of([a, b]), {1, 2, 3}, load, indexes)["groups"] == [
        [1, 3],
        [2],
    ]


def test_a_corrected_text_is_compared_by_its_new_index(source_admin):
    """`source_update` stores the index of the corrected text: a copy of the new text added
    later is one origin with it, a copy of the old text is not."""
    fact = fact_create(
        kind=Fact.Kind.INCIDENT,
        title="Shrine blast",
        occurred_on=date(2017, 2, 16),
        created_by=None,
    )
    old_text = "Police said a rickshaw driver found the parcel outside the school gate at dawn."
    source = source_create(title="First", text=old_text, reliability="B", created_by=None)
    excerpt_create(source=source, exact="found the parcel", fact=fact)
    source_update(source=source, actor=source_admin, text=f"{COPIED} (found the parcel)")
    stored = SourceShingleIndex.objects.get(source=source).hashes
    assert bytes(stored) == shingle_index(f"{COPIED} (found the parcel)")
    copies = []
    for title, text in (("Copy of the old", f"{old_text} (wire)"), ("Copy", f"{COPIED} (wire)")):
        copy = source_create(title=title, text=text, reliability="C", created_by=None)
        excerpt_create(source=copy, exact=text.split()[1], fact=fact)
        copies.append(copy.pk)
    expected = sorted([sorted([source.pk, copies[1]]), [copies[0]]])
    fact.refresh_from_db()
    assert fact.origins["groups"] == expected
    fact_recompute(fact=fact)  # every text compared again
    fact.refresh_from_db()
    assert fact.origins["groups"] == expected
