"""Where a campaign has evidence: approved evidence counted by theme × victim community ×
target type, and whether the recommendation's main idea (brutality against Muslims AND
non-Muslims) is backed on both sides.

Victim communities are grouped into the recommendation's two buckets:
- muslim: muslim, sunni_muslim, shia_muslim, sufi_muslim, ismaili_muslim (shrines, mosques,
  seminary students, Muslim worshippers);
- non_muslim: christian, hindu, sikh, other_minority (churches, minorities);
- mixed (victims of several faiths, e.g. a hospital or a police academy) and unknown count
  for neither side: they cannot show brutality towards one community in particular.
"""

from collections import defaultdict
from typing import Any

from campaigns.models import Campaign, EvidenceLink

__all__ = ["VICTIM_BUCKETS", "campaign_coverage"]

VICTIM_BUCKETS: dict[str, str] = {
    "muslim": "muslim",
    "sunni_muslim": "muslim",
    "shia_muslim": "muslim",
    "sufi_muslim": "muslim",
    "ismaili_muslim": "muslim",
    "christian": "non_muslim",
    "hindu": "non_muslim",
    "sikh": "non_muslim",
    "other_minority": "non_muslim",
    "mixed": "mixed",
    "unknown": "unknown",
    "": "unknown",
}
_BUCKETS = ("muslim", "non_muslim", "mixed", "unknown")


def campaign_coverage(*, campaign: Campaign) -> dict[str, Any]:
    """`{"themes": [...], "cells": [...], "buckets": {...}, "main_idea": {...}, "gaps": [...]}`.

    A cell counts the distinct facts (and approved links) for one theme, victim community and
    target type; links without a theme are counted under theme null. Only approved links
    count: proposed evidence is not evidence yet."""
    themes = list(campaign.themes.all())
    links = list(
        EvidenceLink.objects.filter(
            message__campaign=campaign, status=EvidenceLink.Status.APPROVED
        ).select_related("fact", "message")
    )
    cells: dict[tuple[int | None, str, str], dict[str, Any]] = {}
    per_theme: dict[int | None, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    bucket_facts: dict[str, set[int]] = defaultdict(set)
    for link in links:
        fact = link.fact
        theme_id = link.message.theme_id
        community = fact.victim_community or "unknown"
        bucket = VICTIM_BUCKETS.get(fact.victim_community, "unknown")
        target = fact.target_type or "unknown"
        key = (theme_id, community, target)
        cell = cells.setdefault(
            key,
            {
                "theme": theme_id,
                "victim_community": community,
                "bucket": bucket,
                "target_type": target,
                "facts": set(),
                "links": 0,
            },
        )
        cell["facts"].add(fact.pk)
        cell["links"] += 1
        per_theme[theme_id][bucket].add(fact.pk)
        if fact.kind == "incident":
            bucket_facts[bucket].add(fact.pk)
    theme_rows = []
    gaps = []
    for theme in themes:
        counts = {bucket: len(per_theme[theme.pk][bucket]) for bucket in _BUCKETS}
        total = len(set().union(*per_theme[theme.pk].values())) if per_theme[theme.pk] else 0
        theme_rows.append(
            {
                "theme": theme.pk,
                "slug": theme.slug,
                "name": theme.name,
                "victim_focus": theme.victim_focus,
                "facts": total,
                "by_bucket": counts,
            }
        )
        wanted = {
            "muslim": ["muslim"],
            "non_muslim": ["non_muslim"],
            "both": ["muslim", "non_muslim"],
        }
        for bucket in wanted.get(theme.victim_focus, []):
            if not counts[bucket]:
                gaps.append(
                    {
                        "theme": theme.pk,
                        "bucket": bucket,
                        "message": f"“{theme.name}” has no approved evidence of attacks on "
                        f"{'Muslim' if bucket == 'muslim' else 'non-Muslim'} victims.",
                    }
                )
        if not total and theme.victim_focus == "none":
            gaps.append(
                {
                    "theme": theme.pk,
                    "bucket": None,
                    "message": f"“{theme.name}” has no approved evidence.",
                }
            )
    return {
        "themes": theme_rows,
        "cells": [
            {**cell, "facts": len(cell["facts"])}
            for _, cell in sorted(cells.items(), key=lambda kv: (kv[0][0] or 0, kv[0][1], kv[0][2]))
        ],
        "buckets": {bucket: len(bucket_facts[bucket]) for bucket in _BUCKETS},
        "main_idea": {
            "follows": campaign.follows_main_idea,
            "muslim": bool(bucket_facts["muslim"]),
            "non_muslim": bool(bucket_facts["non_muslim"]),
        },
        "gaps": gaps,
    }
