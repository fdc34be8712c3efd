"""The errors the report lifecycle treats specially: a broker that is down, and transient
failures worth an automatic retry (nothing else is retried)."""

import kombu.exceptions
import redis.exceptions
from django.db import InterfaceError, OperationalError

__all__ = ["BROKER_ERRORS", "TRANSIENT_ERRORS"]

BROKER_ERRORS: tuple[type[BaseException], ...] = (
    kombu.exceptions.OperationalError,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
    ConnectionError,
)
# Errors a later attempt can get past: worth an automatic retry with backoff, nothing else is.
TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (
    OperationalError,
    InterfaceError,
    *BROKER_ERRORS,
)
