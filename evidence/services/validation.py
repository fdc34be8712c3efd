"""Turning Django's model validation into the domain error the API maps to a 400."""

from typing import cast

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import models

from common.errors import InvalidInput

__all__ = ["Someone", "model_clean", "signed_in"]


def model_clean(instance: models.Model, *, exclude: list[str] | None = None) -> None:
    """`full_clean()` the instance; problems become `InvalidInput` naming each field."""
    try:
        instance.full_clean(exclude=exclude, validate_unique=False)
    except ValidationError as error:
        errors = {
            ("detail" if field == "__all__" else field): [str(m) for m in messages]
            for field, messages in error.message_dict.items()
        }
        raise InvalidInput(errors) from None


# Whoever a service acts for: a user, an anonymous request's user, or nobody (a command).
Someone = AbstractBaseUser | AnonymousUser | None


def signed_in(user: Someone) -> User | None:
    """The user to record as author, or None for nobody/anonymous."""
    return cast("User | None", user if user is not None and user.is_authenticated else None)
