"""Celery tasks for campaigns: thin, they take an id and call a service (STYLE.md rule 4)."""

from smtplib import SMTPException

from celery import shared_task

from campaigns.services.notifications import notification_email_send

__all__ = ["notification_email_task"]


@shared_task(
    name="campaigns.notification_email",
    # A mail server that is briefly away gets another try; the row says whether it went out.
    autoretry_for=(SMTPException, ConnectionError, TimeoutError),
    max_retries=5,
    retry_backoff=10,
    retry_backoff_max=600,
    retry_jitter=True,
)
def notification_email_task(notification_id: int) -> bool:
    return notification_email_send(notification_id=notification_id)
