"""gunicorn's settings for production: ``gunicorn -c kerjasama/gunicorn.conf.py kerjasama.wsgi``
(what ``make serve`` runs; see the README, "Long requests").

An admin import is one request for the preview and one for the confirmation, each
reading the whole file. The worker timeout is sized for the largest file the settings
accept (SPREADSHEET_MAX_ROWS), from the cost per row measured by
``scripts/measure_import.py``; GUNICORN_TIMEOUT overrides it.
"""

import math
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kerjasama.settings")

from django.conf import settings  # noqa: E402  (reads the same environment as the app)

# Measured (README, "Long requests"): rows that change agreements, the slow kind, cost
# about 10–20 ms of CPU per row on an idle machine (40 ms before they read their links
# once), linear in the rows, and up to 0.2 s per row elapsed on a heavily loaded 2-core
# machine; the worst is used.
SECONDS_PER_IMPORTED_ROW = 0.2
MINIMUM_TIMEOUT = 120

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
# Threads keep a worker answering other clerks while one of its requests imports.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(
    os.environ.get(
        "GUNICORN_TIMEOUT",
        max(MINIMUM_TIMEOUT, math.ceil(settings.SPREADSHEET_MAX_ROWS * SECONDS_PER_IMPORTED_ROW)),
    )
)
graceful_timeout = 30
# The proxy in front of gunicorn sets X-Forwarded-*; trust it from these addresses only.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
