from django.conf import settings
from django.db import models
from django.utils.translation import gettext_noop


class Notification(models.Model):
    """Something a person should know about their work, shown in their inbox (and e-mailed
    when they have an address): a Reviewer's decision on their evidence link or message, a link
    of theirs sent back to review because its evidence changed, or, for a Reviewer, a new item
    in the review queue. `text` is the sentence the inbox shows; `url` where to act on it."""

    class Kind(models.TextChoices):
        LINK_DECIDED = "link_decided", gettext_noop("Decision on your evidence link")
        MESSAGE_DECIDED = "message_decided", gettext_noop("Decision on your message")
        LINK_REOPENED = "link_reopened", gettext_noop("Evidence link back in review")
        REVIEW_WAITING = "review_waiting", gettext_noop("New item in the review queue")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.TextField()
    url = models.CharField(max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # Set once the e-mail went out, so a repeated task never sends it twice.
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return f"{self.recipient_id}: {self.text[:60]}"
