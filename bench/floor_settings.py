"""Settings for the load benchmark's gunicorn: the app as `make run` configures it, without
debug, without throttling (the load generator is one client on purpose), plus the floor views.
The floors live here, in the benchmark code, never in the app."""

from config.settings.local import *  # noqa: F403
from config.settings.local import DATABASES, REST_FRAMEWORK

DEBUG = False
ROOT_URLCONF = "floor_urls"
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": [], "DEFAULT_THROTTLE_RATES": {}}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
# Persistent connections, as production has them (config/settings/base.py; local.py closes
# each request's connection for runserver's threads): a new connection per request would add
# the same few milliseconds to every request, ours and the floors alike.
DATABASES["default"]["CONN_MAX_AGE"] = 60
WHITENOISE_AUTOREFRESH = False
# No collectstatic for a benchmark: serve the apps' files as `make run` does.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
