"""Settings for production: PostgreSQL, Redis, HTTPS behind a proxy.

`manage.py check --deploy` passes with no warnings given DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS
and a TLS-terminating proxy that sets X-Forwarded-Proto.
https://docs.djangoproject.com/en/6.0/howto/deployment/checklist/
"""

from .base import *  # noqa: F403
from .base import EMAIL_URL, env

DEBUG = False
SECRET_KEY = env.str("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")

# https://docs.djangoproject.com/en/6.0/ref/settings/#secure-proxy-ssl-header
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
# /healthz is probed by load balancers over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# https://docs.djangoproject.com/en/6.0/ref/middleware/#http-strict-transport-security
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Let Django's LOGGING (JSON lines on stdout) format the workers' logs too, instead of Celery
# replacing the root logger with its own plain-text handler.
# https://docs.celeryq.dev/en/stable/userguide/configuration.html#worker-hijack-root-logger
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# Without EMAIL_URL notifications stay in the in-app inbox and mails go to the console: a
# deliberate choice for a site without a mail server, not a mistake for the deploy check to flag.
if not EMAIL_URL:
    SILENCED_SYSTEM_CHECKS = ["mail.E001"]
