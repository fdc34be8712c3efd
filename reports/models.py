from django.conf import settings
from django.db import models
from django.utils.translation import gettext_noop


class Report(models.Model):
    """A document generated in the background: a campaign brief, an evidence dossier or the
    source register, in one format.

    The row exists before any task is sent; the task only fills it in. So a lost or repeated
    task never loses or duplicates a report, and a sweeper can re-send what stays queued.
    """

    class Kind(models.TextChoices):
        CAMPAIGN_BRIEF = "campaign_brief", gettext_noop("Campaign brief")
        EVIDENCE_DOSSIER = "evidence_dossier", gettext_noop("Evidence dossier")
        SOURCE_REGISTER = "source_register", gettext_noop("Source register")

    class Format(models.TextChoices):
        PDF = "pdf", gettext_noop("PDF")
        DOCX = "docx", gettext_noop("Word (DOCX)")
        HTML = "html", gettext_noop("HTML")
        JSON = "json", gettext_noop("JSON")
        CSV = "csv", gettext_noop("CSV")

    class Status(models.TextChoices):
        QUEUED = "queued", gettext_noop("Queued")
        RUNNING = "running", gettext_noop("Running")
        SUCCEEDED = "succeeded", gettext_noop("Succeeded")
        FAILED = "failed", gettext_noop("Failed")

    kind = models.CharField(max_length=24, choices=Kind.choices)
    format = models.CharField(max_length=8, choices=Format.choices)
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reports",
    )
    parameters = models.JSONField(default=dict, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    stage = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=0)
    # The Celery task id of the run that holds the report. A message redelivered after its
    # worker died carries the same id and may take the report over at once; any other copy
    # (a sweeper re-send racing the original) leaves a recent run alone.
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True, help_text="Last sent to the broker")
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    file = models.CharField(max_length=500, blank=True, help_text="Name in the reports storage")
    file_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    # A digest of the evidence the report was built from; when it no longer matches the current
    # evidence the report is shown as stale.
    evidence_fingerprint = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.format}) #{self.pk}"
