"""Settings for the pytest suite.

The suite runs on the embedded default (SQLite + filesystem broker) or, when DATABASE_URL and
REDIS_URL are set, on PostgreSQL and Redis. COUNTERPOINT_TEST_ID keeps parallel runs on one
machine from sharing a test database or broker folder.
"""

from .base import *  # noqa: F403
from .base import BROKER_DIR, CACHES, DATABASES, REDIS_URL, USING_SQLITE, VAR_DIR, env

SECRET_KEY = "test-only-secret-key-not-for-production"  # noqa: S105
DEBUG = False
TEST_ID = env.str("COUNTERPOINT_TEST_ID", default="main")

if USING_SQLITE:
    # A file, not ":memory:", so that a worker process started by a test sees the same rows.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{TEST_ID}.sqlite3")}
else:
    DATABASES["default"]["TEST"] = {"NAME": f"test_counterpoint_{TEST_ID}"}

# Parallel runs on one machine keep their own cache entries (throttle counters).
CACHES["default"]["KEY_PREFIX"] = f"test-{TEST_ID}"
if not REDIS_URL:
    CACHES["default"]["LOCATION"] = str(VAR_DIR / f"test-cache-{TEST_ID}")
    _broker = BROKER_DIR.parent / f"test-broker-{TEST_ID}"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker / "queue"),
        "data_folder_out": str(_broker / "queue"),
        "processed_folder": str(_broker / "processed"),
        "control_folder": str(_broker / "control"),
        "store_processed": False,
    }

# Unit tests run tasks inline unless a test starts a real worker (see tests/conftest.py).
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
CELERY_TASK_EAGER_PROPAGATES = True
REPORTS_ROOT = VAR_DIR / f"test-reports-{TEST_ID}"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "reports": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(REPORTS_ROOT)},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}

# Serve static files straight from the apps, no collectstatic needed.
# https://whitenoise.readthedocs.io/en/stable/django.html#WHITENOISE_USE_FINDERS
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Suites that send thousands of requests as one user (schemathesis, the authorisation matrix)
# must not meet the throttle; tests of the throttle set their own rates.
API_THROTTLE_RATES = {"anon": "100000/minute", "user": "100000/minute"}
