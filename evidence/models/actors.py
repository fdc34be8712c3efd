from django.db import models
from django.utils.translation import gettext_noop


class Actor(models.Model):
    """An armed group, state body or other institution that attacks are claimed by or
    attributed to, or that stands in a relationship (allegiance, split …) with another."""

    class Kind(models.TextChoices):
        ARMED_GROUP = "armed_group", gettext_noop("Armed group")
        STATE = "state", gettext_noop("State")
        OTHER = "other", gettext_noop("Other")

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.ARMED_GROUP)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ActorAlias(models.Model):
    """Another name of an actor (ISIL, Daesh, Khorasan Province …). `normalized` is the
    case-, accent- and punctuation-folded form, unique so an alias names exactly one actor."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=200)
    normalized = models.CharField(max_length=200, unique=True, editable=False)

    class Meta:
        ordering = ["alias"]
        verbose_name_plural = "actor aliases"

    def __str__(self) -> str:
        return self.alias
