from django.conf import settings
from django.db import models


class AuditEntry(models.Model):
    """One thing a person (or the system) did to one object: a create, an edit, a delete, a
    transition, a review, a retraction, a role change, a report download.

    Written by services and by `common.history` (which sees every save of the tracked models),
    never edited: it answers "who changed this, when, from what to what, and why?".
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=64, help_text="e.g. campaign.approve, source.retract")
    target_type = models.CharField(max_length=64)
    target_id = models.CharField(max_length=64)
    target_repr = models.CharField(max_length=300, blank=True)
    comment = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    changes = models.JSONField(
        default=dict, blank=True, help_text='{"field": [before, after]} for each changed field'
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]
        verbose_name_plural = "audit entries"
        # Granted by a superuser to someone who may give roles and staff status and reset
        # passwords without being a superuser (common.access.may_manage_roles).
        permissions = [
            ("manage_roles", "Can give roles and staff status and reset other users' passwords")
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.target_repr}"
