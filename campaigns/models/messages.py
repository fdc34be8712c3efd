from django.conf import settings
from django.db import models
from django.utils.translation import gettext_noop


class Message(models.Model):
    """A draft for one channel in one language under one theme, within the channel's length
    limit. Editing an approved message makes a new revision and re-opens its review."""

    class Channel(models.TextChoices):
        X = "x", gettext_noop("X (Twitter)")
        FACEBOOK = "facebook", gettext_noop("Facebook")
        INSTAGRAM = "instagram", gettext_noop("Instagram")
        WHATSAPP = "whatsapp", gettext_noop("WhatsApp")
        TELEGRAM = "telegram", gettext_noop("Telegram")
        YOUTUBE = "youtube", gettext_noop("YouTube")
        RADIO = "radio", gettext_noop("Radio")
        TV = "tv", gettext_noop("TV")
        PRINT = "print", gettext_noop("Print")
        WEB = "web", gettext_noop("Web")

    class Direction(models.TextChoices):
        LTR = "ltr", gettext_noop("Left to right")
        RTL = "rtl", gettext_noop("Right to left")

    class Status(models.TextChoices):
        DRAFT = "draft", gettext_noop("Draft")
        IN_REVIEW = "in_review", gettext_noop("In review")
        APPROVED = "approved", gettext_noop("Approved")
        REJECTED = "rejected", gettext_noop("Rejected")

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="messages"
    )
    theme = models.ForeignKey(
        "campaigns.Theme", null=True, blank=True, on_delete=models.PROTECT, related_name="messages"
    )
    channel = models.CharField(max_length=16, choices=Channel.choices)
    language = models.CharField(max_length=16, default="en")
    text = models.TextField()
    direction = models.CharField(max_length=3, choices=Direction.choices, default="ltr")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    revision = models.PositiveIntegerField(default=1)
    # Cached claim checks (see campaigns.services.claim_checks), recomputed when evidence changes.
    flags = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The last review decision (approve or reject) on the current revision.
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["campaign_id", "id"]
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} [{self.language}] {self.text[:40]}"

    @property
    def number(self) -> int:
        """The number a message goes by wherever people meet it: "Message 17" on the campaign
        page, in readiness problems and in every report (and its id in the API). Its id, so it
        never changes when other messages are added or deleted: an old brief still matches."""
        return self.pk


class MessageRevision(models.Model):
    """The text of a message as it stood at one revision, kept when it is edited."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="revisions")
    revision = models.PositiveIntegerField()
    text = models.TextField()
    language = models.CharField(max_length=16)
    channel = models.CharField(max_length=16)
    status = models.CharField(max_length=16)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["message_id", "revision"]
        constraints = [
            models.UniqueConstraint(fields=["message", "revision"], name="message_revision_unique")
        ]

    def __str__(self) -> str:
        return f"{self.message_id} r{self.revision}"
