"""API tokens (django-rest-knox): they expire (`API_TOKEN_TTL`), are stored only as digests,
can be listed and revoked by their owner, and all die when the password changes or the
account is deactivated (a stolen token must not outlive the password it was traded for)."""

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models.signals import pre_save
from knox.models import AuthToken

__all__ = ["tokens_connect", "tokens_revoke_all"]


def tokens_revoke_all(*, user: Any) -> int:
    deleted, _ = AuthToken.objects.filter(user=user).delete()
    return deleted


def _revoke_on_password_or_deactivation(
    sender: Any, instance: Any, raw: bool = False, update_fields: Any = None, **kwargs: Any
) -> None:
    if raw or instance.pk is None:
        return
    if update_fields is not None and not {"password", "is_active"} & set(update_fields):
        return  # e.g. the last_login stamp on every sign-in
    before = sender._base_manager.filter(pk=instance.pk).values("password", "is_active").first()
    if before is None:
        return
    if before["password"] != instance.password or (before["is_active"] and not instance.is_active):
        tokens_revoke_all(user=instance)


def tokens_connect() -> None:
    pre_save.connect(
        _revoke_on_password_or_deactivation,
        sender=get_user_model(),
        dispatch_uid="tokens-revoke-on-password-change",
    )
