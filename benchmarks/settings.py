"""Settings of a benchmark child process: the project's own, on a throwaway database.

``BENCH_DATABASE`` names it (a SQLite file, or a PostgreSQL database on the server of
``DATABASE_URL``); the test client's host is allowed, static files need no manifest, as
in the tests, and the secret key is a random one of the process (production reads its
own from the environment). Nothing else differs from production: the code measured is
the code that runs.
"""

import os
import secrets

from kerjasama.settings import *  # noqa: F403
from kerjasama.settings import DATABASES, MEDIA_ROOT, STORAGES

DATABASES["default"]["NAME"] = os.environ["BENCH_DATABASE"]
MEDIA_ROOT = os.environ.get("BENCH_MEDIA", MEDIA_ROOT)
SECRET_KEY = secrets.token_urlsafe(50)
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
