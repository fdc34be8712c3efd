from django.conf import settings
from django.db import models
from django.utils.translation import gettext_noop


class Source(models.Model):
    """A document (article, analysis, statement, report) kept with its full text.

    Its reliability is graded on the Admiralty scale (A completely reliable … F cannot be
    judged), separately from the credibility of each excerpt taken from it. Retracting a source
    re-opens everything that rests on it.
    """

    class Kind(models.TextChoices):
        NEWS = "news", gettext_noop("News")
        ANALYSIS = "analysis", gettext_noop("Analysis")
        OFFICIAL = "official", gettext_noop("Official statement")
        REPORT = "report", gettext_noop("Report")
        OTHER = "other", gettext_noop("Other")

    class Reliability(models.TextChoices):
        A = "A", gettext_noop("A – completely reliable")
        B = "B", gettext_noop("B – usually reliable")
        C = "C", gettext_noop("C – fairly reliable")
        D = "D", gettext_noop("D – not usually reliable")
        E = "E", gettext_noop("E – unreliable")
        F = "F", gettext_noop("F – reliability cannot be judged")

    class Status(models.TextChoices):
        ACTIVE = "active", gettext_noop("Active")
        RETRACTED = "retracted", gettext_noop("Retracted")

    title = models.CharField(max_length=500)
    publisher = models.CharField(max_length=200, blank=True)
    author = models.CharField(max_length=200, blank=True)
    url = models.URLField(max_length=1000, blank=True)
    published_on = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=16, default="en", help_text="BCP 47 code, e.g. en, ur")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.NEWS)
    reliability = models.CharField(max_length=1, choices=Reliability.choices, default="F")
    text = models.TextField()
    # The SHA-256 of the normalised text: the same document registered twice is refused.
    content_sha256 = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ACTIVE)
    retraction_reason = models.TextField(blank=True)
    retracted_at = models.DateTimeField(null=True, blank=True)
    retracted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "reliability"]),
            # The sources list's order (newest first): served from the index, no sort.
            models.Index(fields=["-created_at", "-id"], name="evidence_source_list_order"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.reliability})"


class SourceShingleIndex(models.Model):
    """The hashes of a source's five-word shingles (evidence.services.origins.shingle_index),
    so a fact's origins are regrouped without reading every source's text. Written with the
    text by `source_create` and `source_update`; a source without one (written around them) is
    compared on its text. Its own table: lists and the audit trail of sources never read it."""

    source = models.OneToOneField(
        Source, on_delete=models.CASCADE, primary_key=True, related_name="shingle_index"
    )
    hashes = models.BinaryField()

    def __str__(self) -> str:
        return f"Shingle index of source {self.source_id}"
