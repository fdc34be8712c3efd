"""Settings for `make run` on a developer's laptop."""

from .base import *  # noqa: F403
from .base import DATABASES, SECRET_KEY, USING_SQLITE, VAR_DIR, env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
# A fixed development key is fine here: local.py is never used in production (see production.py).
SECRET_KEY = SECRET_KEY or "django-insecure-local-development-only"

# Serve static files straight from the apps, no collectstatic needed.
# https://whitenoise.readthedocs.io/en/stable/django.html#WHITENOISE_USE_FINDERS
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# beat keeps its schedule in var/ and reports default to var/reports: a fresh clone has no var/
# yet, also when DATABASE_URL points at PostgreSQL (base.py creates it only for SQLite).
VAR_DIR.mkdir(parents=True, exist_ok=True)

if not USING_SQLITE:
    # runserver serves each request on a new thread; a persistent connection per thread is
    # never reused and never closed, and a few hundred requests exhaust PostgreSQL's
    # connections. Close each connection at the end of its request instead.
    # https://docs.djangoproject.com/en/6.0/ref/databases/#persistent-connections
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
