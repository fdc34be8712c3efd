"""Benchmark: what a hostile upload costs before it is refused (issue 11's upload limits).

    .venv/bin/python bench/bench_uploads.py

Builds a .docx that inflates to 200 MB (a few hundred KB on the wire) and a 10,000-page PDF,
then reads each with `evidence.extraction.text_from_upload` exactly as an upload is read, and
prints the wall time, the peak memory of this (web) process and of the child process that read
it, and the answer. Target: refused within 5 s and 200 MB. Prints a JSON summary last.
"""

import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common.errors import DomainError
from evidence.extraction import text_from_upload
from tests.evidence.upload_bombs import docx_bomb, many_page_pdf

TARGET_SECONDS, TARGET_MB = 5.0, 200.0


def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def measure(label: str, name: str, data: bytes) -> dict[str, object]:
    before = _peak_mb(resource.RUSAGE_SELF)
    started = time.perf_counter()
    try:
        text_from_upload(name=name, data=data)
        answer = "accepted"
    except DomainError as error:
        answer = f"{error.status_code} {error.message}"
    seconds = time.perf_counter() - started
    result = {
        "case": label,
        "upload_kb": round(len(data) / 1024),
        "seconds": round(seconds, 2),
        "web_process_peak_growth_mb": round(_peak_mb(resource.RUSAGE_SELF) - before, 1),
        "reader_process_peak_mb": round(_peak_mb(resource.RUSAGE_CHILDREN), 1),
        "answer": answer,
    }
    result["within_target"] = (
        seconds <= TARGET_SECONDS
        and result["reader_process_peak_mb"] <= TARGET_MB  # type: ignore[operator]
        and answer.startswith("413")
    )
    print(
        f"{label:<28} {result['upload_kb']:>6} KB  {seconds:6.2f} s  web +"
        f"{result['web_process_peak_growth_mb']} MB  reader {result['reader_process_peak_mb']} MB"
        f"  -> {answer}"
    )
    return result


def main() -> int:
    cases = [
        ("docx expanding to 200 MB", "bomb.docx", docx_bomb(200 * 1024 * 1024)),
        ("pdf of 10,000 pages", "pages.pdf", many_page_pdf(10_000)),
    ]
    results = [measure(label, name, data) for label, name, data in cases]
    print(json.dumps({"uploads": results}, indent=1))
    return 0 if all(r["within_target"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
