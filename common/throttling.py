"""API throttling per signed-in user and per anonymous address (429 with `Retry-After`, in the
error format, from DRF's own `Throttled`).

The rates are read from settings when a request comes, not when DRF is imported, so they can
be changed per environment (`API_THROTTLE_*`) and per test. The counters live in Django's
default cache, which the settings make shared by every process (Redis, or files on the
embedded default), so two gunicorn workers do not each grant the whole allowance.
"""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

__all__ = ["AnonymousAddressThrottle", "SignedInUserThrottle"]


class AnonymousAddressThrottle(AnonRateThrottle):
    def get_rate(self) -> str | None:
        return settings.API_THROTTLE_RATES.get("anon")  # type: ignore[no-any-return]


class SignedInUserThrottle(UserRateThrottle):
    def get_rate(self) -> str | None:
        return settings.API_THROTTLE_RATES.get("user")  # type: ignore[no-any-return]
