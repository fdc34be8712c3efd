"""Settings for the load benchmark's gunicorn: the app as `make run` configures it, without
debug, without throttling (the load generator is one client on purpose), plus the floor views.
The floors live here, in the benchmark code, never in the app."""

from config.settings.local import *  # noqa: F403
from config.settings.local import REST_FRAMEWORK

DEBUG = False
ROOT_URLCONF = "floor_urls"
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": [], "DEFAULT_THROTTLE_RATES": {}}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
CONN_MAX_AGE = 60
# No collectstatic for a benchmark: serve the apps' files as `make run` does.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
