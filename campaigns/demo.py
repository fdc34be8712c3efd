"""The demo campaign and the theme catalogue, built on the demo corpus (evidence.demo).

A new user sees the workflow at every stage: a campaign under review, with English and Urdu
messages for X, Facebook and radio; evidence links the demo `reviewer` approved (proposed by
`comms`), links still waiting in the review queue, and flagged claims: "killed 88" where the
sources say 88 and "more than one hundred" (the safe wording is "at least 88"), and claims
resting on single-source facts no Reviewer has verified yet.

Everything goes through the services, so the flags are the real claim checks. Loading twice
changes nothing: the campaign is found by its name and owner.
"""

from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from campaigns.models import Campaign, EvidenceLink, Message, Theme
from campaigns.services.campaign_workflow import campaign_submit_for_review
from campaigns.services.campaigns import campaign_create
from campaigns.services.links import evidence_link_approve, evidence_link_propose
from campaigns.services.messages import message_approve, message_create, message_submit
from campaigns.services.themes import theme_catalogue_ensure
from common.errors import DomainError
from evidence.models import Fact

__all__ = ["DEMO_CAMPAIGN_NAME", "demo_campaign_load"]

DEMO_CAMPAIGN_NAME = "Not in our name: the group's victims are Muslims and non-Muslims alike"

# Demo corpus facts, by the titles evidence/demo_data/corpus.json gives them.
SEHWAN = "Suicide bombing at the Lal Shahbaz Qalandar shrine, Sehwan"
SHAH_NOORANI = "Bombing of the Shah Noorani shrine"
CHURCH = "Attack on the Bethel Memorial Methodist Church, Quetta"
CONVOY = "Suicide bombing of the Senate deputy chairman's convoy"
HOSPITAL = "Quetta Civil Hospital suicide bombing"

# Each message: channel, language, theme, text, and its claims as (fact, words, review)
# where review is "approve" (by the demo reviewer) or "" (left in the review queue).
MESSAGES: tuple[dict[str, Any], ...] = (
    {
        "channel": "x",
        "language": "en",
        "theme": "brutality-against-muslims",
        "text": (
            "The group bombed the Shah Noorani shrine, killing 53 worshippers, and the Lal "
            "Shahbaz Qalandar shrine in Sehwan, killing 88. Muslims are its first victims. "
            "#NotInOurName"
        ),
        "claims": (
            (SHAH_NOORANI, "the Shah Noorani shrine, killing 53 worshippers", "approve"),
            # Flagged: the sources say 88 and "more than one hundred"; suggest "at least 88".
            (SEHWAN, "the Lal Shahbaz Qalandar shrine in Sehwan, killing 88", ""),
        ),
        "status": "in_review",
    },
    {
        "channel": "x",
        "language": "ur",
        "theme": "brutality-against-muslims",
        "text": (
            "شاہ نورانی کے مزار پر حملے میں 53 زائرین جاں بحق ہوئے۔ "
            "یہ گروہ سب سے پہلے مسلمانوں کو نشانہ بناتا ہے۔ #NotInOurName"
        ),
        "claims": (
            (SHAH_NOORANI, "شاہ نورانی کے مزار پر حملے میں 53 زائرین جاں بحق ہوئے", "approve"),
        ),
        "status": "approved",
    },
    {
        "channel": "facebook",
        "language": "en",
        "theme": "brutality-against-non-muslims",
        "text": (
            "Sunday morning prayers had just started at the Bethel Memorial Methodist Church in "
            "Quetta when two suicide bombers stormed it. The attack, claimed by ISIS, killed "
            "nine worshippers and injured nearly fifty more, including women and children. The "
            "group spares no faith. #NotInOurName"
        ),
        "claims": (
            (
                CHURCH,
                "The attack, claimed by ISIS, killed nine worshippers and injured nearly fifty "
                "more",
                "approve",
            ),
        ),
        "status": "approved",
    },
    {
        "channel": "facebook",
        "language": "ur",
        "theme": "brutality-against-non-muslims",
        "text": (
            "کوئٹہ کے بیتھل میموریل میتھوڈسٹ چرچ پر حملے میں نو نمازی جاں بحق ہوئے۔ "
            "یہ گروہ کسی مذہب کو نہیں بخشتا۔ #NotInOurName"
        ),
        "claims": ((CHURCH, "بیتھل میموریل میتھوڈسٹ چرچ پر حملے میں نو نمازی جاں بحق ہوئے", ""),),
        "status": "draft",
    },
    {
        "channel": "radio",
        "language": "en",
        "theme": "brutality-against-muslims",
        "text": (
            "In May 2017 a suicide bomber struck the convoy of the Senate's deputy chairman. "
            "The attack killed 26 seminary students. Young men who were studying their faith. "
            "The group that claims to defend Islam killed them. Ask yourself who it really "
            "serves."
        ),
        "claims": ((CONVOY, "The attack killed 26 seminary students", "approve"),),
        "status": "in_review",
    },
    {
        "channel": "radio",
        "language": "ur",
        "theme": "brutality-against-muslims",
        "text": (
            "مئی 2017 میں سینیٹ کے ڈپٹی چیئرمین کے قافلے پر خودکش حملہ ہوا۔ "
            "اس حملے میں 26 مدرسے کے طلبہ جاں بحق ہوئے۔ خود سے پوچھیے: یہ گروہ کس کی خدمت کرتا ہے؟"
        ),
        "claims": (),
        "status": "draft",
    },
)


def _user(username: str) -> Any:
    return get_user_model().objects.filter(username=username).first()


def _facts() -> dict[str, Fact]:
    titles = {SEHWAN, SHAH_NOORANI, CHURCH, CONVOY, HOSPITAL}
    return {fact.title: fact for fact in Fact.objects.filter(title__in=titles)}


def _message(
    campaign: Campaign, item: dict[str, Any], *, comms: Any, reviewer: Any, facts: dict[str, Fact]
) -> tuple[Message, int, int]:
    message = message_create(
        campaign=campaign,
        actor=comms,
        channel=item["channel"],
        language=item["language"],
        theme=Theme.objects.get(slug=item["theme"]),
        text=item["text"],
    )
    approved = proposed = 0
    # The evidence may have changed since the demo was written (a source retracted, excerpts
    # deleted): a step the workflow now refuses is left out, the rest of the demo still loads.
    for title, claim, review in item["claims"]:
        if title not in facts:
            continue
        try:
            with transaction.atomic():
                link = evidence_link_propose(
                    message=message, fact=facts[title], claim=claim, actor=comms
                )
                if review == "approve":
                    evidence_link_approve(
                        link=link, reviewer=reviewer, comment="Matches the source."
                    )
        except DomainError:
            continue
        if review == "approve":
            approved += 1
        else:
            proposed += 1
    try:
        with transaction.atomic():
            if item["status"] in ("in_review", "approved"):
                message_submit(message=message, actor=comms)
            if item["status"] == "approved":
                message_approve(message=message, reviewer=reviewer, comment="Clear and sourced.")
    except DomainError:
        pass
    return message, approved, proposed


@transaction.atomic
def demo_campaign_load() -> str:
    """Load the theme catalogue and the sample campaign (idempotent); returns a summary."""
    new_themes = theme_catalogue_ensure()
    comms, reviewer = _user("comms"), _user("reviewer")
    if comms is None or reviewer is None:
        return f"Campaigns: {new_themes} themes added; no demo campaign (demo accounts missing)."
    if Campaign.objects.filter(name=DEMO_CAMPAIGN_NAME, owner=comms).exists():
        return f"Campaigns: {new_themes} themes added; the demo campaign is already there."
    # The demo leaves the evidence as the corpus loads it: single-source facts stay
    # unverified (their links show `unverified_fact` until a Reviewer verifies them).
    facts = _facts()
    today = timezone.localdate()
    campaign = campaign_create(
        owner=comms,
        name=DEMO_CAMPAIGN_NAME,
        goal=(
            "Expose the group's brutality towards both Muslims and non-Muslims (the "
            "recommendation's main idea), so that young people see it as the enemy of every "
            "community, not the defender of one."
        ),
        audiences=[
            "University students (support is shifting from seminaries to universities)",
            "Students of women's seminaries",
            "Unemployed young men in Karachi and Quetta",
        ],
        messengers=["Survivors and victims' families", "Religious scholars of several sects"],
        channels=["x", "facebook", "radio"],
        call_to_action="Share the victims' stories with #NotInOurName; report extremist content.",
        indicators=[
            {"name": "Shares of campaign posts", "target": 10000},
            {"name": "Radio spots aired", "target": 60},
            {"name": "Students reached in university sessions", "target": 2000},
        ],
        starts_on=today + timedelta(days=14),
        ends_on=today + timedelta(days=44),
        themes=list(
            Theme.objects.filter(
                slug__in=["brutality-against-muslims", "brutality-against-non-muslims"]
            )
        ),
    )
    approved = proposed = 0
    for item in MESSAGES:
        _, a, p = _message(campaign, item, comms=comms, reviewer=reviewer, facts=facts)
        approved, proposed = approved + a, proposed + p
    try:
        with transaction.atomic():
            campaign_submit_for_review(
                campaign=campaign, actor=comms, comment="First draft: please check the figures."
            )
    except DomainError:
        pass  # left a draft: the evidence no longer allows submitting it
    flagged = EvidenceLink.objects.filter(message__campaign=campaign).exclude(flags=[]).count()
    return (
        f"Campaigns: {new_themes} themes added; demo campaign with {len(MESSAGES)} messages, "
        f"{approved} approved and {proposed} proposed evidence links ({flagged} flagged)."
    )
