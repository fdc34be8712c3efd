from django.conf import settings
from django.db import models
from django.utils.translation import gettext_noop


class Fact(models.Model):
    """A documented claim backed by excerpts: an incident (an attack), a relationship between
    actors (allegiance, cooperation, split, rejection: the sectarian rifts), a statement or a
    statistic.

    `status`, `figures` and `conflicts` are computed by the conflict service from the excerpts
    every time the evidence changes, and stored so lists and campaign checks read them cheaply.
    """

    class Kind(models.TextChoices):
        INCIDENT = "incident", gettext_noop("Incident")
        RELATIONSHIP = "relationship", gettext_noop("Relationship")
        STATEMENT = "statement", gettext_noop("Statement")
        STATISTIC = "statistic", gettext_noop("Statistic")

    class DatePrecision(models.TextChoices):
        DAY = "day", gettext_noop("Day")
        MONTH = "month", gettext_noop("Month")
        YEAR = "year", gettext_noop("Year")

    class TargetType(models.TextChoices):
        PLACE_OF_WORSHIP = "place_of_worship", gettext_noop("Place of worship")
        WORSHIPPERS = "worshippers", gettext_noop("Worshippers")
        RELIGIOUS_FIGURE = "religious_figure", gettext_noop("Religious figure or students")
        POLICE = "police", gettext_noop("Police")
        MILITARY = "military", gettext_noop("Military")
        EDUCATION = "education", gettext_noop("Education")
        HEALTH = "health", gettext_noop("Health")
        GOVERNMENT = "government", gettext_noop("Government")
        CIVILIANS = "civilians", gettext_noop("Civilians")
        TRANSPORT = "transport", gettext_noop("Transport")
        OTHER = "other", gettext_noop("Other")

    class VictimCommunity(models.TextChoices):
        MUSLIM = "muslim", gettext_noop("Muslim")
        SUNNI_MUSLIM = "sunni_muslim", gettext_noop("Sunni Muslim")
        SHIA_MUSLIM = "shia_muslim", gettext_noop("Shia Muslim")
        SUFI_MUSLIM = "sufi_muslim", gettext_noop("Sufi Muslim")
        ISMAILI_MUSLIM = "ismaili_muslim", gettext_noop("Ismaili Muslim")
        CHRISTIAN = "christian", gettext_noop("Christian")
        HINDU = "hindu", gettext_noop("Hindu")
        SIKH = "sikh", gettext_noop("Sikh")
        OTHER_MINORITY = "other_minority", gettext_noop("Other religious minority")
        MIXED = "mixed", gettext_noop("Mixed")
        UNKNOWN = "unknown", gettext_noop("Unknown")

    class Relation(models.TextChoices):
        ALLEGIANCE = "allegiance", gettext_noop("Pledged allegiance")
        COOPERATION = "cooperation", gettext_noop("Cooperation")
        SPLIT = "split", gettext_noop("Split")
        REJECTION = "rejection", gettext_noop("Rejection")
        NO_LINK = "no_link", gettext_noop("No organisational link")

    class ConflictKind(models.TextChoices):
        """What the sources of a fact disagree on (`conflicts[].kind`): the one vocabulary of
        the conflict rules that write it, the API schema and the pages that name it."""

        FIGURE = "figure", gettext_noop("figure")
        DATE = "date", gettext_noop("date")
        ATTRIBUTION = "attribution", gettext_noop("attribution")
        RELATIONSHIP = "relationship", gettext_noop("relationship")

    class Status(models.TextChoices):
        UNVERIFIED = "unverified", gettext_noop("Unverified")
        CORROBORATED = "corroborated", gettext_noop("Corroborated")
        DISPUTED = "disputed", gettext_noop("Disputed")
        VERIFIED = "verified", gettext_noop("Verified")

    kind = models.CharField(max_length=16, choices=Kind.choices)
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    occurred_on = models.DateField(null=True, blank=True)
    date_precision = models.CharField(
        max_length=8, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    place = models.CharField(max_length=200, blank=True)
    province = models.CharField(max_length=100, blank=True)
    country = models.CharField(max_length=100, blank=True)
    target_type = models.CharField(max_length=24, choices=TargetType.choices, blank=True)
    victim_community = models.CharField(max_length=24, choices=VictimCommunity.choices, blank=True)
    claimed_by = models.ManyToManyField("evidence.Actor", blank=True, related_name="claimed_facts")
    attributed_to = models.ManyToManyField(
        "evidence.Actor", blank=True, related_name="attributed_facts"
    )
    subject_actor = models.ForeignKey(
        "evidence.Actor", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    object_actor = models.ForeignKey(
        "evidence.Actor", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    relation = models.CharField(max_length=16, choices=Relation.choices, blank=True)
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.UNVERIFIED, editable=False
    )
    # Cached results of the conflict service (see evidence.services.conflicts).
    figures = models.JSONField(default=dict, blank=True, editable=False)
    conflicts = models.JSONField(default=list, blank=True, editable=False)
    excerpt_count = models.PositiveIntegerField(default=0, editable=False)
    # How many sources report it and how many independent origins they come from
    # (near-duplicate copies of one story are one origin; see evidence.services.origins).
    origins = models.JSONField(default=dict, blank=True, editable=False)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-occurred_on", "id"]
        indexes = [
            models.Index(fields=["kind", "status"]),
            models.Index(fields=["target_type"]),
            models.Index(fields=["victim_community"]),
        ]

    def __str__(self) -> str:
        return self.title


class ConflictResolution(models.Model):
    """A reviewer's decision on how to word a disputed field ("at least 70 killed"), with the
    reason. The disagreement itself stays visible beside it."""

    fact = models.ForeignKey(Fact, on_delete=models.CASCADE, related_name="resolutions")
    field = models.CharField(max_length=32)
    wording = models.CharField(max_length=300)
    reason = models.TextField()
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-resolved_at", "-id"]

    def __str__(self) -> str:
        return f"{self.fact}: {self.field} → {self.wording}"
