"""WSGI entry point for gunicorn: `gunicorn config.wsgi`."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
application = get_wsgi_application()

# Everything loaded so far (Django, the apps, the models: about 140,000 objects) lives as long
# as the process. Frozen, the collector stops walking them on each full collection, which
# cost the review page about 1.5 ms of its 20 (BENCHMARKS.md). Each
# gunicorn worker imports this module after it forks, so each freezes its own objects.
gc.freeze()
