from django.conf import settings
from django.db import models
from django.utils.translation import gettext_noop


class Campaign(models.Model):
    """A counter-narrative campaign planned on the GAMMMA+ model: Goal, Audience, Message
    (themes), Messenger, Media (channels), Action, plus monitoring indicators with targets.

    Visible only to its owner, its team, Reviewers and Source admins. Moves
    draft → in_review → approved → active → closed, one guarded service per step.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", gettext_noop("Draft")
        IN_REVIEW = "in_review", gettext_noop("In review")
        APPROVED = "approved", gettext_noop("Approved")
        ACTIVE = "active", gettext_noop("Active")
        CLOSED = "closed", gettext_noop("Closed")

    name = models.CharField(max_length=200)
    goal = models.TextField(blank=True)
    audiences = models.JSONField(default=list, blank=True)
    messengers = models.JSONField(default=list, blank=True)
    channels = models.JSONField(default=list, blank=True)
    call_to_action = models.TextField(blank=True)
    indicators = models.JSONField(default=list, blank=True, help_text='[{"name", "target"}]')
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    themes = models.ManyToManyField("campaigns.Theme", blank=True, related_name="campaigns")
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="campaign_teams"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_campaigns"
    )
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    # The recommendation's main idea: expose brutality against Muslims AND non-Muslims. A
    # campaign that claims to follow it must have approved evidence for both.
    follows_main_idea = models.BooleanField(default=True)
    minimum_reliability = models.CharField(
        max_length=1,
        choices=[(grade, grade) for grade in "ABCDEF"],
        default="C",
        help_text="Sources graded below this are flagged",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        # The campaigns list's order, served from the index.
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="campaigns_campaign_list_order")
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(starts_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="campaign_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CampaignTransition(models.Model):
    """One step of a campaign's workflow: who moved it from which status to which, and why."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=16)
    to_status = models.CharField(max_length=16)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.campaign}: {self.from_status} → {self.to_status}"
