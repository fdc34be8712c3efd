from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_noop


class Excerpt(models.Model):
    """A verbatim passage of a source, anchored as in the W3C Web Annotation model
    (TextQuoteSelector exact/prefix/suffix plus TextPositionSelector start/end).

    Besides the figures it reports, an excerpt records what it says about its fact's date,
    responsibility and (for relationships) the relation, so that disagreements between sources
    can be found by comparing excerpts.
    """

    source = models.ForeignKey("evidence.Source", on_delete=models.PROTECT, related_name="excerpts")
    fact = models.ForeignKey(
        "evidence.Fact", null=True, blank=True, on_delete=models.SET_NULL, related_name="excerpts"
    )
    exact = models.TextField()
    prefix = models.CharField(max_length=200, blank=True)
    suffix = models.CharField(max_length=200, blank=True)
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    # False once the source text changed and the passage could no longer be found: the excerpt
    # is then kept, but nothing may rest on it until a source admin re-anchors it.
    anchored = models.BooleanField(default=True)
    credibility = models.PositiveSmallIntegerField(
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(6)],
        help_text="1 confirmed … 6 truth cannot be judged",
    )
    reported_on = models.DateField(null=True, blank=True, help_text="The date this excerpt gives")
    reported_claimed_by = models.ManyToManyField(
        "evidence.Actor", blank=True, related_name="+", help_text="Who claimed it, per this excerpt"
    )
    reported_attributed_to = models.ManyToManyField(
        "evidence.Actor", blank=True, related_name="+", help_text="Who did it, per this excerpt"
    )
    reported_denied_by = models.ManyToManyField(
        "evidence.Actor",
        blank=True,
        related_name="+",
        help_text="Who denied responsibility, per this excerpt",
    )
    reported_relation = models.CharField(
        max_length=16, blank=True, help_text="The relation this excerpt states (relationships)"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["source_id", "start", "id"]
        # The excerpts list pages by cursor in this order: the index lets a page deep in the
        # list seek to its first row instead of sorting everything after it.
        indexes = [
            models.Index(fields=["source", "start", "id"], name="evidence_excerpt_list_order")
        ]

    def __str__(self) -> str:
        return f"“{self.exact[:60]}”"


class FigureReport(models.Model):
    """What one excerpt says about one figure: "about 70 killed", "more than 165 wounded"."""

    class Kind(models.TextChoices):
        KILLED = "killed", gettext_noop("Killed")
        WOUNDED = "wounded", gettext_noop("Wounded")
        JOINED = "joined", gettext_noop("Joined the group")
        ARRESTED = "arrested", gettext_noop("Arrested")
        OTHER = "other", gettext_noop("Other")

    class Qualifier(models.TextChoices):
        EXACT = "exact", gettext_noop("exactly")
        ABOUT = "about", gettext_noop("about")
        AT_LEAST = "at_least", gettext_noop("at least")
        MORE_THAN = "more_than", gettext_noop("more than")
        UP_TO = "up_to", gettext_noop("up to")

    excerpt = models.ForeignKey(Excerpt, on_delete=models.CASCADE, related_name="figures")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    value_min = models.PositiveIntegerField()
    value_max = models.PositiveIntegerField(null=True, blank=True)
    qualifier = models.CharField(max_length=16, choices=Qualifier.choices, default=Qualifier.EXACT)

    class Meta:
        ordering = ["kind", "value_min"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(value_max__isnull=True)
                | models.Q(value_max__gte=models.F("value_min")),
                name="figure_report_max_not_below_min",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_qualifier_display()} {self.value_min} {self.kind}"
