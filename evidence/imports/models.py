"""What each imported incident became, so that importing it again updates it."""

from django.db import models

__all__ = ["ImportedIncident"]


class ImportedIncident(models.Model):
    """An incident row of an imported CSV (by its `eventid`) and the fact and excerpt it was
    imported as: importing the same eventid again updates that fact instead of adding one."""

    eventid = models.CharField(max_length=64, unique=True)
    fact = models.OneToOneField(
        "evidence.Fact", on_delete=models.CASCADE, related_name="imported_incident"
    )
    excerpt = models.ForeignKey(
        "evidence.Excerpt", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "evidence_imported_incident"
        ordering = ["eventid"]

    def __str__(self) -> str:
        return f"{self.eventid} → fact {self.fact_id}"
