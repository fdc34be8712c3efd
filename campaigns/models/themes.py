from django.db import models
from django.utils.translation import gettext_noop


class Theme(models.Model):
    """A messaging theme from the catalogue (brutality against Muslims, sectarian rifts,
    pluralism …), tied to the clause of the recommendation it follows."""

    class VictimFocus(models.TextChoices):
        MUSLIM = "muslim", gettext_noop("Muslim victims")
        NON_MUSLIM = "non_muslim", gettext_noop("Non-Muslim victims")
        BOTH = "both", gettext_noop("Muslim and non-Muslim victims")
        NONE = "none", gettext_noop("No victim focus")

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    recommendation_clause = models.PositiveSmallIntegerField(
        help_text="Number of the recommendation clause (1–5) this theme follows"
    )
    victim_focus = models.CharField(
        max_length=16, choices=VictimFocus.choices, default=VictimFocus.NONE
    )

    class Meta:
        ordering = ["recommendation_clause", "name"]

    def __str__(self) -> str:
        return self.name
