"""What each imported incident became, so that importing it again updates it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_noop

__all__ = ["ImportedIncident", "IncidentImportRun"]


class ImportedIncident(models.Model):
    """An incident row of an imported CSV (by its `eventid`) and the fact and excerpt it was
    imported as: importing the same eventid again updates that fact instead of adding one."""

    eventid = models.CharField(max_length=64, unique=True)
    fact = models.OneToOneField(
        "evidence.Fact", on_delete=models.CASCADE, related_name="imported_incident"
    )
    excerpt = models.ForeignKey(
        "evidence.Excerpt", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "evidence_imported_incident"
        ordering = ["eventid"]

    def __str__(self) -> str:
        return f"{self.eventid} → fact {self.fact_id}"


class IncidentImportRun(models.Model):
    """One upload of an incident CSV being checked (a dry run) or imported by a worker.

    The uploaded bytes are stored in the row, so the worker reads exactly what was uploaded and
    a lost or repeated task finds it again. `status` goes QUEUED → RUNNING → SUCCEEDED/FAILED;
    SUCCEEDED means the service ran and `report` says what it did (an import refused for
    invalid rows is a succeeded run whose report shows nothing written); FAILED means the file
    could not be read at all or the worker broke (`error`).
    """

    class Status(models.TextChoices):
        QUEUED = "queued", gettext_noop("Queued")
        RUNNING = "running", gettext_noop("Running")
        SUCCEEDED = "succeeded", gettext_noop("Finished")
        FAILED = "failed", gettext_noop("Failed")

    file_name = models.CharField(max_length=255)
    data = models.BinaryField(editable=False)
    dry_run = models.BooleanField(default=True)
    skip_invalid = models.BooleanField(default=False)
    dry_run_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="imports",
        help_text="The dry run this import was confirmed from.",
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    rows_done = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "evidence_incident_import_run"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        what = "dry run" if self.dry_run else "import"
        return f"{what} of {self.file_name} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)
