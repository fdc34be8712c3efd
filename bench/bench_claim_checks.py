"""Benchmark: precision and recall of the claim checks and of the excerpt figure suggestions on
the labelled set in tests/claims/data (written by tests/claims/data/generate.py).

    .venv/bin/python bench/bench_claim_checks.py            # table, then a JSON summary
    .venv/bin/python bench/bench_claim_checks.py --misses   # also every miss and false alarm

Pure: no database is touched (each claim is checked against a named evidence scenario with the
functions the product runs on a saved fact). Also reports the time per sentence.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from tests.claims.labelled import (  # noqa: E402
    CHECKED_CODES,
    check_claim,
    claim_items,
    excerpt_items,
    heldout_items,
    score_claims,
    score_excerpts,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list misses and false alarms")
    args = parser.parse_args()
    claims, excerpts = claim_items(), excerpt_items()
    started = time.perf_counter()
    tallies = score_claims(claims)
    claim_seconds = time.perf_counter() - started
    started = time.perf_counter()
    figures = score_excerpts(excerpts)
    excerpt_seconds = time.perf_counter() - started
    by_language: dict[str, int] = {}
    for item in claims:
        by_language[item["lang"]] = by_language.get(item["lang"], 0) + 1
    print(f"labelled set: {len(claims)} claim sentences {by_language}, {len(excerpts)} excerpts")
    print(f"{'check':28} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>9} {'recall':>7}")
    summary: dict[str, dict[str, float]] = {}
    for code in (*CHECKED_CODES, "any"):
        t = tallies[code]
        print(f"{code:28} {t.tp:4} {t.fp:4} {t.fn:4} {t.precision:9.3f} {t.recall:7.3f}")
        summary[code] = {
            "tp": t.tp,
            "fp": t.fp,
            "fn": t.fn,
            "precision": t.precision,
            "recall": t.recall,
        }
    print(
        f"{'figure suggestions':28} {figures.tp:4} {figures.fp:4} {figures.fn:4} "
        f"{figures.precision:9.3f} {figures.recall:7.3f}"
    )
    summary["figure_suggestions"] = {
        "tp": figures.tp,
        "fp": figures.fp,
        "fn": figures.fn,
        "precision": figures.precision,
        "recall": figures.recall,
    }
    heldout = score_claims(heldout_items())
    print(f"held-out set: {len(heldout_items())} claim sentences")
    for code in (*CHECKED_CODES, "any"):
        t = heldout[code]
        print(f"{code:28} {t.tp:4} {t.fp:4} {t.fn:4} {t.precision:9.3f} {t.recall:7.3f}")
        summary[f"heldout_{code}"] = {"precision": t.precision, "recall": t.recall}
    print(
        f"time: {1000 * claim_seconds / len(claims):.2f} ms per claim sentence, "
        f"{1000 * excerpt_seconds / len(excerpts):.2f} ms per excerpt"
    )
    if args.misses:
        by_id = {c["id"]: c for c in claims}
        for code in CHECKED_CODES:
            for item_id in tallies[code].misses + tallies[code].false_alarms:
                item = by_id[item_id]
                print(
                    f"{code}: {item_id} {item['text']!r} expected {item['flags']} got "
                    f"{check_claim(item)['flags']}"
                )
        for item_id in figures.misses + figures.false_alarms:
            print(f"figures: {item_id}")
    print(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
