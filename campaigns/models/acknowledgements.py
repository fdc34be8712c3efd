from django.conf import settings
from django.db import models


class NumberAcknowledgement(models.Model):
    """A Reviewer's word that a number (or a name) in a message is not a count the claim
    checks must tie to evidence ("the 12 in 'Route 12'"), with the reason. It clears the
    message's `unread_number` (or `unread_actor`) flag for exactly those words."""

    message = models.ForeignKey(
        "campaigns.Message", on_delete=models.CASCADE, related_name="number_acknowledgements"
    )
    words = models.CharField(max_length=200)
    reason = models.TextField()
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["message_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["message", "words"], name="number_acknowledgement_once_per_words"
            )
        ]

    def __str__(self) -> str:
        return f"{self.message_id}: “{self.words}” is not a count"
