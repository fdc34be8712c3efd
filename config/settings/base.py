"""Settings shared by every environment, read from environment variables.

Every variable is documented in README.md ("Configuration"). Without DATABASE_URL and REDIS_URL
the app runs on the embedded default: SQLite plus kombu's filesystem broker, so a laptop needs no
services, yet reports are still built by a real worker process.
"""

from datetime import timedelta
from pathlib import Path

import environ
import fontpkg_amiri
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# Where the embedded default keeps its database, broker folders and generated reports.
VAR_DIR = Path(env.str("COUNTERPOINT_VAR_DIR", default=str(BASE_DIR / "var")))

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    # Expiring, revocable API tokens (common/auth.py, common/tokens.py).
    "knox",
    # Counts failed sign-ins and locks them out (token endpoint, login page, admin).
    "axes",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "common",
    "evidence",
    "campaigns",
    "reports",
    "web",
    "django_htmx",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # https://whitenoise.readthedocs.io/en/stable/django.html#enable-whitenoise
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # English or Urdu pages, from the user's choice (the header's switch) or the browser's.
    # https://docs.djangoproject.com/en/6.0/topics/i18n/translation/#how-django-discovers-language-preference
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Page and admin forms: invalid UTF-8 and control characters refused (common/middleware.py).
    "common.middleware.StrictFormInputMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # https://docs.djangoproject.com/en/6.0/ref/csp/
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # request.htmx: pages answer an htmx request with a fragment, others with the whole page.
    "django_htmx.middleware.HtmxMiddleware",
    # Who made a change, for the audit trail's before/after values (common/history.py).
    "common.history.HistoryMiddleware",
    # Last, as its docs ask: answers a locked-out sign-in with the lockout page.
    # https://django-axes.readthedocs.io/en/latest/2_installation.html
    "axes.middleware.AxesMiddleware",
]

# Only what the app serves itself: no inline script or style, no CDN, no framing.
# https://docs.djangoproject.com/en/6.0/ref/settings/#secure-csp
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "web.context_processors.roles",
            ],
        },
    },
    {
        # Fragments rendered many times per page, from plain values (web/jinja2_environment.py).
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"environment": "web.jinja2_environment.environment"},
    },
]

# --- Database -------------------------------------------------------------------------------
# https://django-environ.readthedocs.io/en/latest/types.html#environ-env-db-url
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'counterpoint.sqlite3'}")
}
USING_SQLITE = DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
if USING_SQLITE:
    # SQLite creates the file but not its folder; a fresh clone has no var/ yet.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # The web server, the worker and beat write to the same file. WAL lets readers go on while
    # one writer commits; IMMEDIATE transactions plus a busy timeout make a second writer wait
    # instead of failing with "database is locked".
    # https://docs.djangoproject.com/en/6.0/ref/databases/#sqlite-transaction-behavior
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# --- Accounts (block owned by the access helper) ----------------------------------------------
# axes first: it refuses a locked-out sign-in before Django checks the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# https://django-axes.readthedocs.io/en/latest/4_configuration.html
# AXES_FAILURE_LIMIT wrong passwords for one user name from one address lock that pair out for
# AXES_COOLOFF_MINUTES; a successful sign-in resets the count.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# 429 with Retry-After: the API's error format on the API, a page elsewhere (common/lockout.py).
AXES_LOCKOUT_CALLABLE = "common.lockout.lockout_response"
AXES_VERBOSE = False
# API tokens expire this many seconds after they were issued (README, "Configuration").
API_TOKEN_TTL = timedelta(seconds=env.int("API_TOKEN_TTL", default=7 * 24 * 3600))
# https://jazzband.github.io/django-rest-knox/settings/ (the issuing view is ours: common/auth.py)
REST_KNOX = {"TOKEN_TTL": API_TOKEN_TTL, "AUTH_HEADER_PREFIX": "Token", "AUTO_REFRESH": False}
# Requests per signed-in user and per anonymous address (DRF rate syntax: N/second|minute|hour).
API_THROTTLE_RATES = {
    "anon": env.str("API_THROTTLE_ANON", default="120/minute"),
    "user": env.str("API_THROTTLE_USER", default="1200/minute"),
}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:dashboard"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
# The pages speak English and Urdu; Urdu pages are laid out right to left.
LANGUAGES = [("en", "English"), ("ur", "Urdu")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

# --- Static and generated files --------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# The Amiri font comes from its Python package (no CDN): pages and reports serve it themselves so
# Urdu and Arabic render joined and right-to-left on any machine.
STATICFILES_DIRS = [("fonts/amiri", str(Path(fontpkg_amiri.ROOT) / "files"))]
# Generated reports are private: they live outside STATIC_ROOT and are only ever streamed by an
# authorised view, never from a public URL. REPORTS_STORAGE picks an S3-compatible backend in
# production (django-storages); the default is a folder on disk.
REPORTS_ROOT = Path(env.str("REPORTS_ROOT", default=str(VAR_DIR / "reports")))
REPORTS_STORAGE_BACKEND = env.str(
    "REPORTS_STORAGE_BACKEND", default="django.core.files.storage.FileSystemStorage"
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "reports": {
        "BACKEND": REPORTS_STORAGE_BACKEND,
        "OPTIONS": (
            {"location": str(REPORTS_ROOT)}
            if REPORTS_STORAGE_BACKEND.endswith("FileSystemStorage")
            # django-storages reads the bucket from the AWS_* settings below; the keys come
            # from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY in the environment (boto3).
            else {"default_acl": "private", "querystring_auth": True}
        ),
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# https://django-storages.readthedocs.io/en/latest/backends/amazon-S3.html
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default="") or None
AWS_S3_REGION_NAME = env.str("AWS_S3_REGION_NAME", default="") or None

# Uploads of source documents: refuse oversized bodies with a clear 413 rather than filling memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=5 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
SOURCE_UPLOAD_MAX_BYTES = env.int("SOURCE_UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
SOURCE_TEXT_MAX_CHARS = env.int("SOURCE_TEXT_MAX_CHARS", default=1_000_000)
# Reading an upload is bounded while it happens (evidence/extraction.py): what a .docx may expand
# to, how many pages a PDF may have, and the time and memory of the process that reads it.
SOURCE_UPLOAD_MAX_DECOMPRESSED_BYTES = env.int(
    "SOURCE_UPLOAD_MAX_DECOMPRESSED_BYTES", default=50 * 1024 * 1024
)
SOURCE_UPLOAD_MAX_PAGES = env.int("SOURCE_UPLOAD_MAX_PAGES", default=1_000)
SOURCE_UPLOAD_MAX_SECONDS = env.float("SOURCE_UPLOAD_MAX_SECONDS", default=20.0)
SOURCE_UPLOAD_MAX_MEMORY_BYTES = env.int(
    "SOURCE_UPLOAD_MAX_MEMORY_BYTES", default=512 * 1024 * 1024
)

# --- REST framework --------------------------------------------------------------------------
REST_FRAMEWORK = {
    # Token first: its authenticate_header() makes DRF answer 401 (not 403) to anonymous calls.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "knox.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "common.throttling.AnonymousAddressThrottle",
        "common.throttling.SignedInUserThrottle",
    ],
    # Signed in and holding a role: the rule of every page too (common/access.py).
    "DEFAULT_PERMISSION_CLASSES": ["common.permissions.HasRole"],
    # JSON with a lone surrogate parses in Python but is not text: refuse it with a 400 naming
    # the field instead of failing later with a 500 (common/parsers.py).
    "DEFAULT_PARSER_CLASSES": [
        "common.parsers.StrictJSONParser",
        "common.parsers.StrictFormParser",
        "common.parsers.StrictMultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "common.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["common.filters.FilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "common.schema.AutoSchema",
    "EXCEPTION_HANDLER": "common.api.exception_handler",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
}
# https://drf-spectacular.readthedocs.io/en/latest/settings.html
SPECTACULAR_SETTINGS = {
    "TITLE": "Counterpoint API",
    "DESCRIPTION": "Evidence-backed counter-narrative campaign planning.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # Offline: the UI assets come from drf-spectacular-sidecar, never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # The API speaks JSON (API.md). The form parsers DRF also runs serve the browsable API and
    # the sign-in form; a form cannot say null, so a schema listing them for every body would
    # promise what no form can send. An upload documents its multipart body itself.
    "PARSER_WHITELIST": ["common.parsers.StrictJSONParser"],
    "ENUM_NAME_OVERRIDES": {},
    # Conditional writes (ETag, If-Match, 412/428) documented where the views apply them.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "common.versioning.schema_conditional_writes",
        "common.schema.schema_text_patterns",
    ],
}

# --- Celery ----------------------------------------------------------------------------------
# https://docs.celeryq.dev/en/stable/userguide/configuration.html
REDIS_URL = env.str("REDIS_URL", default="")
BROKER_DIR = Path(env.str("CELERY_BROKER_DIR", default=str(VAR_DIR / "broker")))
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS: dict = {
        # A task unacknowledged for this long is delivered again; it must exceed the hard limit.
        "visibility_timeout": 3600,
    }
else:
    # kombu's filesystem transport: a real worker process consumes messages from folders, and
    # the control folder lets `celery inspect ping` (and /healthz) see live workers.
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "processed_folder": str(BROKER_DIR / "processed"),
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
    }
# --- Cache --------------------------------------------------------------------------------
# The API throttle counts requests in the default cache. A per-process cache (Django's local
# memory default) would give every gunicorn worker its own allowance, so the cache is shared:
# Redis when REDIS_URL is set, else files under VAR_DIR that every process on the host reads.
# https://docs.djangoproject.com/en/6.0/topics/cache/#redis
CACHE_KEY_PREFIX = env.str("CACHE_KEY_PREFIX", default="counterpoint")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        }
    }

# Reports are rows in our database; Celery's own result store would be a second, unused copy.
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# A report must survive a worker that dies mid-render: acknowledge only after the task ran and
# hand the message back if the worker process is lost. Prefetch 1 keeps a long render from
# holding other reports hostage.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Wall-clock seconds. The reports pool runs at a lower CPU priority (REPORTS_WORKER_NICENESS):
# while the web server is busy a brief that needs 20 s of CPU can take minutes (up to about
# 4 on the 2-core development machine under load, BENCHMARKS.md), so the limits leave room.
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=600)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=660)
# Recycle worker processes so a leak in a renderer (fonts, images) cannot grow without bound.
CELERY_WORKER_MAX_TASKS_PER_CHILD = env.int("CELERY_WORKER_MAX_TASKS_PER_CHILD", default=50)
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env.int("CELERY_WORKER_MAX_MEMORY_PER_CHILD", default=600_000)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE: dict = {}

# --- E-mail (notifications) ------------------------------------------------------------------
# EMAIL_URL in django-environ's form, e.g. smtp+tls://user:password@mail.example.org:587
# (https://django-environ.readthedocs.io/en/latest/types.html#environ-env-email-url); without it
# mails are printed on the console. Django 6.1 configures mail through MAILERS.
# https://docs.djangoproject.com/en/6.1/ref/settings/#mailers
EMAIL_URL = env.str("EMAIL_URL", default="")
_email = env.email_url_config(EMAIL_URL or "consolemail://")
_smtp_options = {
    "host": _email.get("EMAIL_HOST"),
    "port": _email.get("EMAIL_PORT"),
    "username": _email.get("EMAIL_HOST_USER"),
    "password": _email.get("EMAIL_HOST_PASSWORD"),
    "use_tls": _email.get("EMAIL_USE_TLS"),
    "use_ssl": _email.get("EMAIL_USE_SSL"),
}
MAILERS = {
    "default": {
        "BACKEND": _email["EMAIL_BACKEND"],
        "OPTIONS": (
            {key: value for key, value in _smtp_options.items() if value is not None}
            if _email["EMAIL_BACKEND"].endswith("smtp.EmailBackend")
            else {}
        ),
    }
}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Counterpoint <counterpoint@localhost>")
# The site's address as users reach it: notification e-mails link back to the pages with it.
SITE_URL = env.str("SITE_URL", default="http://localhost:8000")

# --- Demo ------------------------------------------------------------------------------------
DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="")

# --- Logging: one JSON object per line on stdout, for any log collector -----------------------
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint and fontTools log every layout step at INFO: noise, not events.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# --- Reports (block owned by the reports app) ------------------------------------------------
# A queued report not picked up within this many seconds is sent to the broker again (the
# broker was down, or a message was lost); the sweeper runs every REPORTS_SWEEP_INTERVAL s.
REPORTS_RESEND_QUEUED_AFTER = env.int("REPORTS_RESEND_QUEUED_AFTER", default=300)
# A report still "running" this long after it started has lost its worker (the hard time
# limit has long passed): the sweeper re-queues it, or fails it after REPORTS_MAX_ATTEMPTS.
REPORTS_RUNNING_STUCK_AFTER = env.int(
    "REPORTS_RUNNING_STUCK_AFTER", default=CELERY_TASK_TIME_LIMIT + 60
)
REPORTS_MAX_ATTEMPTS = env.int("REPORTS_MAX_ATTEMPTS", default=3)
REPORTS_SWEEP_INTERVAL = env.int("REPORTS_SWEEP_INTERVAL", default=60)
# CPU priority (nice, 0-19) of a worker that consumes only the `reports` queue, applied by the
# worker itself to its processes and its session (config/celery_app.py), so reports mostly use
# the CPU the web server leaves free. With 20 briefs building, the web's p95 measured 1.18x its
# idle figure at 10 (target 1.3x), 1.55x at 5 and 2.01x with no effective niceness; at 10 a
# brief took 90 s on average instead of 35 (BENCHMARKS.md, "Reports under load").
# 0 leaves the priority alone.
REPORTS_WORKER_NICENESS = env.int("REPORTS_WORKER_NICENESS", default=10)
# Seconds to pause at each progress step while rendering. Always 0 in production; tests of a
# worker killed mid-render set it so "mid-render" lasts long enough to aim at.
REPORTS_RENDER_PAUSE = env.float("REPORTS_RENDER_PAUSE", default=0.0)
# Rows an incident import writes per batch (the page's progress moves a batch at a time), and,
# like REPORTS_RENDER_PAUSE, a pause after each batch that only tests set, so "mid-import"
# lasts long enough for a browser to see it.
INCIDENT_IMPORT_BATCH_ROWS = env.int("INCIDENT_IMPORT_BATCH_ROWS", default=500)
INCIDENT_IMPORT_PROGRESS_PAUSE = env.float("INCIDENT_IMPORT_PROGRESS_PAUSE", default=0.0)
CELERY_BEAT_SCHEDULE["reports-sweep"] = {
    "task": "reports.sweep",
    "schedule": REPORTS_SWEEP_INTERVAL,
}

# --- Evidence import (block owned by the evidence-data helper) --------------------------------
# An incident CSV upload larger than this is refused with 413; more rows than this with 400.
INCIDENT_IMPORT_MAX_BYTES = env.int("INCIDENT_IMPORT_MAX_BYTES", default=5 * 1024 * 1024)
INCIDENT_IMPORT_MAX_ROWS = env.int("INCIDENT_IMPORT_MAX_ROWS", default=20_000)

# --- Evidence API (block owned by the evidence-core helper) -----------------------------------
# Several evidence models have a `kind`/`status`/`relation` choice field; name each enum in the
# OpenAPI schema after its model so the names neither collide nor change between runs.
# https://drf-spectacular.readthedocs.io/en/latest/settings.html (ENUM_NAME_OVERRIDES)
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"] = {
    **SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"],  # type: ignore[dict-item]
    "SourceKindEnum": "evidence.models.Source.Kind",
    "SourceStatusEnum": "evidence.models.Source.Status",
    "ReliabilityEnum": "evidence.models.Source.Reliability",
    "ActorKindEnum": "evidence.models.Actor.Kind",
    "FactKindEnum": "evidence.models.Fact.Kind",
    "FactStatusEnum": "evidence.models.Fact.Status",
    "RelationEnum": "evidence.models.Fact.Relation",
    "FigureKindEnum": "evidence.models.FigureReport.Kind",
    "FigureQualifierEnum": "evidence.models.FigureReport.Qualifier",
    # Named here because the evidence `kind` enums above made the report's `kind` ambiguous.
    "ReportKindEnum": "reports.models.Report.Kind",
}
