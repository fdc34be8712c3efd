from django.conf import settings
from django.db import models
from django.utils.translation import gettext_noop


class EvidenceLink(models.Model):
    """The claim a message makes ("killed at least 70 people"), linked to the fact that
    supports it. Proposed by communications staff, reviewed by a Reviewer who did not propose
    it; it goes back to the review queue whenever the evidence under it changes."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", gettext_noop("Proposed")
        APPROVED = "approved", gettext_noop("Approved")
        REJECTED = "rejected", gettext_noop("Rejected")
        CHANGES_REQUESTED = "changes_requested", gettext_noop("Changes requested")

    message = models.ForeignKey(
        "campaigns.Message", on_delete=models.CASCADE, related_name="evidence_links"
    )
    fact = models.ForeignKey(
        "evidence.Fact", on_delete=models.PROTECT, related_name="evidence_links"
    )
    claim = models.TextField(help_text="The words of the message that the fact supports")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PROPOSED)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField(blank=True)
    # Why an approved link went back to the queue (source retracted, figures changed …).
    reopened_reason = models.TextField(blank=True)
    flags = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        # The review queue (`?status=proposed`, oldest first) reads this index in order.
        indexes = [models.Index(fields=["status", "created_at", "id"], name="campaigns_link_queue")]
        constraints = [
            # One open review per claim: the same words cannot be proposed twice for one fact.
            models.UniqueConstraint(
                fields=["message", "fact", "claim"],
                condition=~models.Q(status="rejected"),
                name="evidence_link_one_open_per_claim",
            ),
        ]

    def __str__(self) -> str:
        return f"“{self.claim[:50]}” → {self.fact_id}"


class EvidenceLinkReview(models.Model):
    """One decision on an evidence link (approve, reject, request changes, re-open)."""

    link = models.ForeignKey(EvidenceLink, on_delete=models.CASCADE, related_name="reviews")
    decision = models.CharField(max_length=20)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.link_id}: {self.decision}"
