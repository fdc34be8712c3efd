"""Settings for `make run` on a developer's laptop."""

from .base import *  # noqa: F403
from .base import SECRET_KEY, env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
# A fixed development key is fine here: local.py is never used in production (see production.py).
SECRET_KEY = SECRET_KEY or "django-insecure-local-development-only"

# Serve static files straight from the apps, no collectstatic needed.
# https://whitenoise.readthedocs.io/en/stable/django.html#WHITENOISE_USE_FINDERS
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
