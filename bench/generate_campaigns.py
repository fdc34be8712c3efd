"""Add the campaign side of a real archive to a benchmark database made by
bench/generate_evidence.py: users per role, 1,000 campaigns, 20,000 messages and 100,000
evidence links at scale 1.0, with the skew of real use (a few campaigns hold most messages; a
few facts carry most links; a fifth of the links wait in the review queue).

    .venv/bin/python bench/generate_campaigns.py --scale 0.1 --database-url postgres://…/cp_bench

Bulk inserts, no services (hours at this size otherwise); flags stay empty as the checks would
leave them on claims the evidence supports. Prints the API tokens the load run uses.
"""

import argparse
import os
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/cp_bench"
BASE = {"campaigns": 1_000, "messages": 20_000, "links": 100_000}
BATCH = 5_000
CHANNELS = ["x", "facebook", "instagram", "whatsapp", "radio", "tv", "print", "web"]


def _zipf_index(rng: random.Random, size: int, skew: float = 1.2) -> int:
    """An index into a list of `size`, small indexes far more often (a few hot rows)."""
    return min(size - 1, int(rng.paretovariate(skew)) - 1)


def generate(*, scale: float, database_url: str, seed: int = 2) -> dict[str, Any]:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth.models import Group, User
    from django.db import connection
    from knox.models import AuthToken

    from campaigns.models import Campaign, EvidenceLink, Message, Theme
    from campaigns.services.themes import theme_catalogue_ensure
    from common.role_permissions import roles_ensure
    from common.roles import COMMUNICATIONS, REVIEWERS, SOURCE_ADMINS
    from evidence.models import Fact

    rng = random.Random(seed)
    counts = {name: max(1, int(number * scale)) for name, number in BASE.items()}
    started = time.perf_counter()
    roles_ensure()
    theme_catalogue_ensure()
    EvidenceLink.objects.all().delete()
    Message.objects.all().delete()
    Campaign.objects.all().delete()
    User.objects.filter(username__startswith="bench-").delete()

    def user(name: str, role: str) -> Any:
        person = User.objects.create_user(f"bench-{name}", password="bench-password")
        person.groups.add(Group.objects.get(name=role))
        return person

    writers = [user(f"writer{n}", COMMUNICATIONS) for n in range(20)]
    reviewer = user("reviewer", REVIEWERS)
    admin = user("sourceadmin", SOURCE_ADMINS)
    themes = list(Theme.objects.all())
    today = date.today()

    campaigns = Campaign.objects.bulk_create(
        [
            Campaign(
                name=f"Campaign {n}",
                goal="Expose the group's brutality towards Muslims and non-Muslims.",
                audiences=["University students"],
                messengers=["Survivors"],
                channels=rng.sample(CHANNELS, 3),
                call_to_action="Share the facts.",
                indicators=[{"name": "Shares", "target": 5000}],
                starts_on=today + timedelta(days=7),
                ends_on=today + timedelta(days=37),
                owner=writers[_zipf_index(rng, len(writers))],
                status=rng.choice(["draft", "draft", "in_review", "approved", "active"]),
            )
            for n in range(counts["campaigns"])
        ],
        batch_size=BATCH,
    )
    Campaign.themes.through.objects.bulk_create(
        [
            Campaign.themes.through(campaign_id=c.pk, theme_id=t.pk)
            for c in campaigns
            for t in rng.sample(themes, 2)
        ],
        batch_size=BATCH,
    )
    Campaign.team.through.objects.bulk_create(
        [
            Campaign.team.through(campaign_id=c.pk, user_id=rng.choice(writers).pk)
            for c in campaigns
        ],
        batch_size=BATCH,
        ignore_conflicts=True,
    )
    messages = Message.objects.bulk_create(
        [
            Message(
                campaign=campaigns[_zipf_index(rng, len(campaigns))],
                theme=rng.choice(themes),
                channel=rng.choice(CHANNELS),
                language=rng.choice(["en", "en", "en", "ur"]),
                direction="ltr",
                text=f"Message {n}: the attack killed at least {rng.randint(5, 90)} people.",
                created_by=rng.choice(writers),
            )
            for n in range(counts["messages"])
        ],
        batch_size=BATCH,
    )
    fact_ids = list(Fact.objects.order_by("id").values_list("id", flat=True))
    statuses = ["proposed", "approved", "approved", "approved", "rejected"]
    seen: set[tuple[int, int]] = set()
    links = []
    while len(links) < counts["links"]:
        message = messages[rng.randrange(len(messages))]
        fact_id = fact_ids[_zipf_index(rng, len(fact_ids), 1.05)]
        if (message.pk, fact_id) in seen:
            continue
        seen.add((message.pk, fact_id))
        links.append(
            EvidenceLink(
                message=message,
                fact_id=fact_id,
                claim="killed at least",
                status=rng.choice(statuses),
                proposed_by=message.created_by,
            )
        )
    EvidenceLink.objects.bulk_create(links, batch_size=BATCH)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # As in generate_evidence.py: the state autovacuum keeps a live archive in.
            cursor.execute("VACUUM ANALYZE")
    # Knox keeps only a digest: a token can be shown once, when it is made.
    tokens = {
        role: AuthToken.objects.create(user=person)[1]
        for role, person in (("writer", writers[0]), ("reviewer", reviewer), ("sourceadmin", admin))
    }
    seconds = time.perf_counter() - started
    print(f"Campaign side: {counts} in {seconds:.0f} s", flush=True)
    return {"counts": counts, "seconds": seconds, "tokens": tokens}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    args = parser.parse_args()
    generate(scale=args.scale, database_url=args.database_url)


if __name__ == "__main__":
    main()
