"""The report lifecycle: request → (broker) → build → succeeded or failed, and the sweeper.

A report is a database row first (STYLE.md rule 4). `report_request` saves it and sends the
task only once the row is committed; if the broker is down the request still succeeds and
the sweeper sends it later. `report_build` claims the row with a conditional UPDATE, so a
repeated or duplicated task never builds a report twice at once and never rebuilds one that
succeeded, and it writes the file under a name fixed by the report's id, so a second run
overwrites rather than adds a file.
"""

from .builds import report_build, report_fail
from .downloads import report_download_open
from .errors import BROKER_ERRORS, TRANSIENT_ERRORS
from .requests import report_request, report_send
from .sweeps import report_sweep

__all__ = [
    "BROKER_ERRORS",
    "TRANSIENT_ERRORS",
    "report_build",
    "report_download_open",
    "report_fail",
    "report_request",
    "report_send",
    "report_sweep",
]
